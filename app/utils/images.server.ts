// Photos residents upload are checked by their bytes (not their name or declared type) and lose
// every metadata block before they are stored: EXIF carries the GPS position of the phone that took
// the picture, which would put a resident's home on a public page. Pixels are left untouched.
export type ImageType = "image/jpeg" | "image/png" | "image/webp";

export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "image/png";
  if (bytes.length > 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  return null;
}

function ascii(bytes: Uint8Array, at: number, length: number) {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export class MalformedImageError extends Error {}

/** The same image without EXIF, XMP, IPTC or text metadata. Throws MalformedImageError on a broken file. */
export function stripImageMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  if (type === "image/jpeg") return stripJpeg(bytes);
  if (type === "image/png") return stripPng(bytes);
  return stripWebp(bytes);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// JPEG: keep the image from its start marker to its end marker (EOI) and nothing after it: phones
// append a second picture (MPF, with its own EXIF and GPS) or a motion-photo video there. Of the
// APPn segments only those drawing needs survive: JFIF (APP0), the ICC colour profile (APP2
// "ICC_PROFILE") and Adobe's colour transform (APP14). EXIF/XMP (APP1), MPF (APP2), IPTC (APP13),
// JUMBF/C2PA (APP11), comments and anything unknown are dropped.
const JPEG_APP_KEEP: Record<number, string> = { 0xe0: "JFIF\0", 0xe2: "ICC_PROFILE\0", 0xee: "Adobe" };
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xfe) return false; // comment
  if (marker < 0xe0 || marker > 0xef) return true; // tables, frame header, restart interval …
  const signature = JPEG_APP_KEEP[marker];
  return signature !== undefined && ascii(payload, 0, signature.length) === signature;
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImageError("jpeg: marker expected");
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2));
      return concat(parts); // end of image: whatever follows is not this picture
    }
    if (at + 4 > bytes.length) throw new MalformedImageError("jpeg: truncated");
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) throw new MalformedImageError("jpeg: bad segment length");
    const segmentEnd = at + 2 + length;
    if (marker === 0xda) {
      // Start of scan: compressed data follows the header up to the next marker that is neither a
      // stuffed 0xFF00 nor a restart marker (a progressive image has several scans).
      const scanEnd = endOfScan(bytes, segmentEnd);
      parts.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
      continue;
    }
    if (keepJpegSegment(marker, bytes.subarray(at + 4, segmentEnd))) parts.push(bytes.subarray(at, segmentEnd));
    at = segmentEnd;
  }
  throw new MalformedImageError("jpeg: no end of image");
}

function endOfScan(bytes: Uint8Array, from: number): number {
  for (let at = from; at + 1 < bytes.length; at++) {
    if (bytes[at] !== 0xff) continue;
    const next = bytes[at + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return at;
  }
  throw new MalformedImageError("jpeg: compressed data never ends");
}

// PNG: keep the chunks drawing needs, up to IEND. Everything else goes: eXIf, the text chunks (which
// cameras and editors fill with places and names), tIME, C2PA's caBX, private chunks, and any bytes
// after IEND.
const PNG_KEEP = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "cICP", "acTL", "fcTL", "fdAT"]);
function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw new MalformedImageError("png: truncated chunk");
    if (PNG_KEEP.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") return concat(parts);
  }
  throw new MalformedImageError("png: no IEND");
}

// WebP: keep the chunks drawing needs within the size the RIFF header states (bytes after it are not
// part of the picture); drop EXIF, XMP and anything else, and clear the EXIF/XMP flags in VP8X.
const WEBP_KEEP = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
function stripWebp(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) throw new MalformedImageError("webp: truncated");
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw new MalformedImageError("webp: truncated chunk");
    if (WEBP_KEEP.has(type)) {
      const chunk = bytes.slice(at, Math.min(end, riffEnd));
      if (type === "VP8X") chunk[8] &= ~(0x08 | 0x04);
      chunks.push(chunk);
    }
    at = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

export type DocumentType = ImageType | "application/pdf";

/**
 * A document people upload as evidence or as an attachment: a PDF, or a photo that loses its
 * metadata. Judged by its bytes, never by its name or declared type.
 */
export function checkDocument(bytes: Uint8Array): { bytes: Uint8Array; contentType: DocumentType } | { problem: "type" | "broken" } {
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-") return { bytes, contentType: "application/pdf" };
  const type = detectImageType(bytes);
  if (!type) return { problem: "type" };
  try {
    return { bytes: stripImageMetadata(bytes, type), contentType: type };
  } catch (error) {
    if (error instanceof MalformedImageError) return { problem: "broken" };
    throw error;
  }
}
