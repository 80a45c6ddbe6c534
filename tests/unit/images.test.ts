import { describe, expect, it } from "vitest";
import { detectImageType, MalformedImageError, stripImageMetadata } from "~/utils/images.server";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const segment = (marker: number, payload: string) => {
  const data = [...Buffer.from(payload, "latin1")];
  return [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
};
const pngChunk = (type: string, data: string) => {
  const d = [...Buffer.from(data, "latin1")];
  return [(d.length >>> 24) & 255, (d.length >>> 16) & 255, (d.length >>> 8) & 255, d.length & 255, ...Buffer.from(type, "latin1"), ...d, 0, 0, 0, 0];
};
const webpChunk = (type: string, data: number[]) => [...Buffer.from(type, "latin1"), data.length & 255, (data.length >> 8) & 255, 0, 0, ...data, ...(data.length % 2 ? [0] : [])];
const contains = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(Buffer.from(needle, "latin1"));

describe("photos lose their location before they are stored", () => {
  const gps = "Exif\0\0MM\0*GPSLatitude=29.5N;GPSLongitude=106.5E";
  const jpeg = bytes([0xff, 0xd8], segment(0xe0, "JFIF\0\x01\x01"), segment(0xe1, gps), segment(0xdb, "QTABLE"), segment(0xfe, "taken at home"), [0xff, 0xda, 0, 4, 1, 2], "PIXELS", [0xff, 0xd9]);

  it("recognises JPEG, PNG and WebP by their bytes, and nothing else", () => {
    expect(detectImageType(jpeg)).toBe("image/jpeg");
    expect(detectImageType(bytes([0x89], "PNG\r\n\x1a\n", "rest"))).toBe("image/png");
    expect(detectImageType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
    expect(detectImageType(bytes("<svg onload=alert(1)>"))).toBeNull();
    expect(detectImageType(bytes("%PDF-1.7"))).toBeNull();
  });

  it("drops a JPEG's EXIF (with GPS) and comments and keeps its tables and pixels", () => {
    const clean = stripImageMetadata(jpeg, "image/jpeg");
    expect(contains(clean, "GPSLatitude")).toBe(false);
    expect(contains(clean, "taken at home")).toBe(false);
    expect(contains(clean, "JFIF")).toBe(true);
    expect(contains(clean, "QTABLE")).toBe(true);
    expect(contains(clean, "PIXELS")).toBe(true);
    expect(detectImageType(clean)).toBe("image/jpeg");
  });

  it("drops a PNG's eXIf and text chunks", () => {
    const png = bytes([0x89], "PNG\r\n\x1a\n", pngChunk("IHDR", "HEADER13bytes"), pngChunk("eXIf", gps), pngChunk("tEXt", "Location\0home"), pngChunk("IDAT", "PIXELS"), pngChunk("IEND", ""));
    const clean = stripImageMetadata(png, "image/png");
    expect(contains(clean, "GPSLatitude")).toBe(false);
    expect(contains(clean, "Location")).toBe(false);
    expect(contains(clean, "PIXELS")).toBe(true);
    expect(contains(clean, "IEND")).toBe(true);
  });

  it("drops a WebP's EXIF chunk, clears its flag and fixes the RIFF size", () => {
    const body = [...Buffer.from("WEBP", "latin1"), ...webpChunk("VP8X", [0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]), ...webpChunk("VP8 ", [...Buffer.from("PIXELS")]), ...webpChunk("EXIF", [...Buffer.from(gps, "latin1")])];
    const webp = bytes("RIFF", [body.length & 255, (body.length >> 8) & 255, 0, 0], body);
    const clean = stripImageMetadata(webp, "image/webp");
    expect(contains(clean, "GPSLatitude")).toBe(false);
    expect(contains(clean, "PIXELS")).toBe(true);
    expect(clean[20] & 0x08).toBe(0);
    expect(new DataView(clean.buffer).getUint32(4, true)).toBe(clean.length - 8);
  });

  it("refuses a truncated file instead of storing half of it", () => {
    expect(() => stripImageMetadata(jpeg.subarray(0, 12), "image/jpeg")).toThrow(MalformedImageError);
  });
});

describe("documents people upload as evidence or attachments", () => {
  it("takes a PDF as it is, a photo without its location, and nothing else", async () => {
    const { checkDocument } = await import("~/utils/images.server");
    const pdf = bytes("%PDF-1.7\n...");
    expect(checkDocument(pdf)).toEqual({ bytes: pdf, contentType: "application/pdf" });
    const gps = "Exif\0\0GPSLatitude";
    const photo = bytes([0xff, 0xd8], segment(0xe1, gps), [0xff, 0xda, 0, 4, 1, 2], "PIXELS", [0xff, 0xd9]);
    const checked = checkDocument(photo);
    expect("contentType" in checked && checked.contentType).toBe("image/jpeg");
    expect("bytes" in checked && contains(checked.bytes, "GPSLatitude")).toBe(false);
    expect(checkDocument(bytes("<html><script>"))).toEqual({ problem: "type" });
    expect(checkDocument(photo.subarray(0, 10))).toEqual({ problem: "broken" });
  });
});

describe("nothing rides along after or beside the picture", () => {
  const gps = "Exif\0\0MM\0*GPSLatitude=29.5N;GPSLongitude=106.5E";
  // A phone's "multi-picture" JPEG: the first image names a second one in its MPF segment, and the
  // second image (with its own EXIF and GPS) follows the first one's end marker; motion photos
  // append a video the same way.
  const second = bytes([0xff, 0xd8], segment(0xe1, gps), [0xff, 0xda, 0, 4, 1, 2], "SECOND", [0xff, 0xd9]);
  const first = bytes(
    [0xff, 0xd8],
    segment(0xe0, "JFIF\0\x01\x01"),
    segment(0xe2, "MPF\0MM\0*MPEntry=second-image-offset"),
    segment(0xe2, "ICC_PROFILE\0\x01\x01sRGB"),
    segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GCamera:MotionPhoto</x:xmpmeta>"),
    segment(0xeb, "JPXT-jumbf-c2pa-owner@example"),
    segment(0xee, "Adobe\0\x64\0\0\0\0\x01"),
    segment(0xdb, "QTABLE"),
    [0xff, 0xda, 0, 4, 1, 2],
    "PIX",
    [0xff, 0x00], // a stuffed 0xFF inside the compressed data
    "EL",
    [0xff, 0xd0], // a restart marker inside the compressed data
    "S",
    [0xff, 0xd9],
  );
  const phone = bytes([...first], [...second], "ftypmp42-motion-photo-video");

  it("keeps a JPEG only up to its end marker: a second image with GPS and an appended video are cut off", () => {
    const clean = stripImageMetadata(phone, "image/jpeg");
    expect(contains(clean, "GPSLatitude")).toBe(false);
    expect(contains(clean, "SECOND")).toBe(false);
    expect(contains(clean, "ftypmp42")).toBe(false);
    expect(Buffer.from(clean.subarray(-2)).toString("hex")).toBe("ffd9");
    expect(contains(clean, "PIX\xff\x00EL\xff\xd0S")).toBe(true);
  });

  it("keeps only the JPEG segments drawing needs (JFIF, ICC colour, Adobe) and drops MPF, XMP and the rest", () => {
    const clean = stripImageMetadata(phone, "image/jpeg");
    expect(contains(clean, "JFIF")).toBe(true);
    expect(contains(clean, "ICC_PROFILE")).toBe(true);
    expect(contains(clean, "Adobe")).toBe(true);
    expect(contains(clean, "QTABLE")).toBe(true);
    expect(contains(clean, "MPF")).toBe(false);
    expect(contains(clean, "MotionPhoto")).toBe(false);
    expect(contains(clean, "c2pa")).toBe(false);
  });

  it("keeps every scan of a progressive JPEG (tables between scans included)", () => {
    const progressive = bytes([0xff, 0xd8], segment(0xdb, "QTABLE"), [0xff, 0xda, 0, 4, 1, 2], "SCAN1", segment(0xc4, "HUFF2"), [0xff, 0xda, 0, 4, 1, 2], "SCAN2", [0xff, 0xd9], "TRAILER");
    const clean = stripImageMetadata(progressive, "image/jpeg");
    expect(contains(clean, "SCAN1")).toBe(true);
    expect(contains(clean, "HUFF2")).toBe(true);
    expect(contains(clean, "SCAN2")).toBe(true);
    expect(contains(clean, "TRAILER")).toBe(false);
  });

  it("refuses a JPEG whose compressed data never ends", () => {
    const endless = bytes([0xff, 0xd8], [0xff, 0xda, 0, 4, 1, 2], "PIXELS");
    expect(() => stripImageMetadata(endless, "image/jpeg")).toThrow(MalformedImageError);
  });

  it("keeps a PNG up to IEND and only the chunks drawing needs", () => {
    const png = bytes([0x89], "PNG\r\n\x1a\n", pngChunk("IHDR", "HEADER13bytes"), pngChunk("gAMA", "GAMMA"), pngChunk("caBX", "c2pa-owner@example"), pngChunk("IDAT", "PIXELS"), pngChunk("IEND", ""), gps);
    const clean = stripImageMetadata(png, "image/png");
    expect(contains(clean, "GAMMA")).toBe(true);
    expect(contains(clean, "PIXELS")).toBe(true);
    expect(contains(clean, "c2pa")).toBe(false);
    expect(contains(clean, "GPSLatitude")).toBe(false);
  });

  it("keeps a WebP to the size its RIFF header states and only the chunks drawing needs", () => {
    const body = [...Buffer.from("WEBP", "latin1"), ...webpChunk("VP8X", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), ...webpChunk("VP8 ", [...Buffer.from("PIXELS")]), ...webpChunk("C2PA", [...Buffer.from("owner@example")])];
    const webp = bytes("RIFF", [body.length & 255, (body.length >> 8) & 255, 0, 0], body, "EXIF", [gps.length, 0, 0, 0], gps);
    const clean = stripImageMetadata(webp, "image/webp");
    expect(contains(clean, "PIXELS")).toBe(true);
    expect(contains(clean, "owner@example")).toBe(false);
    expect(contains(clean, "GPSLatitude")).toBe(false);
    expect(new DataView(clean.buffer).getUint32(4, true)).toBe(clean.length - 8);
  });
});
