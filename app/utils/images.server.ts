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

// JPEG: drop APP1 (EXIF, XMP) and APP13 (IPTC) segments and comments; keep JFIF, ICC colour, tables.
function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImageError("jpeg: marker expected");
    const marker = bytes[at + 1];
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2));
      return concat(parts);
    }
    if (marker === 0xda) {
      parts.push(bytes.subarray(at)); // start of scan: the compressed image runs to the end
      return concat(parts);
    }
    if (at + 4 > bytes.length) throw new MalformedImageError("jpeg: truncated");
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) throw new MalformedImageError("jpeg: bad segment length");
    const drop = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (!drop) parts.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  throw new MalformedImageError("jpeg: no image data");
}

// PNG: drop eXIf and the text chunks (which cameras and editors fill with places and names) and tIME.
const PNG_DROP = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);
function stripPng(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw new MalformedImageError("png: truncated chunk");
    if (!PNG_DROP.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === "IEND") return concat(parts);
  }
  throw new MalformedImageError("png: no IEND");
}

// WebP: drop the EXIF and XMP chunks and clear their flags in the VP8X header.
function stripWebp(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > bytes.length) throw new MalformedImageError("webp: truncated chunk");
    if (type !== "EXIF" && type !== "XMP ") {
      const chunk = bytes.slice(at, Math.min(end, bytes.length));
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
