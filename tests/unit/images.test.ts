import { describe, expect, it } from "vitest";
import { detectImageType, MalformedImageError, stripImageMetadata } from "~/utils/images.server";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const segment = (marker: number, payload: string) => {
  const data = [...Buffer.from(payload, "latin1")];
  return [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
};
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
    const chunk = (type: string, data: string) => {
      const d = [...Buffer.from(data, "latin1")];
      return [(d.length >>> 24) & 255, (d.length >>> 16) & 255, (d.length >>> 8) & 255, d.length & 255, ...Buffer.from(type, "latin1"), ...d, 0, 0, 0, 0];
    };
    const png = bytes([0x89], "PNG\r\n\x1a\n", chunk("IHDR", "HEADER13bytes"), chunk("eXIf", gps), chunk("tEXt", "Location\0home"), chunk("IDAT", "PIXELS"), chunk("IEND", ""));
    const clean = stripImageMetadata(png, "image/png");
    expect(contains(clean, "GPSLatitude")).toBe(false);
    expect(contains(clean, "Location")).toBe(false);
    expect(contains(clean, "PIXELS")).toBe(true);
    expect(contains(clean, "IEND")).toBe(true);
  });

  it("drops a WebP's EXIF chunk, clears its flag and fixes the RIFF size", () => {
    const chunk = (type: string, data: number[]) => [...Buffer.from(type, "latin1"), data.length & 255, (data.length >> 8) & 255, 0, 0, ...data, ...(data.length % 2 ? [0] : [])];
    const body = [...Buffer.from("WEBP", "latin1"), ...chunk("VP8X", [0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]), ...chunk("VP8 ", [...Buffer.from("PIXELS")]), ...chunk("EXIF", [...Buffer.from(gps, "latin1")])];
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
