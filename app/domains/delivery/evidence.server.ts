// Evidence of delivery (photos of the work, sign-in sheets as PDF or photos): checked by its bytes
// like every upload, and stripped of its metadata before it is stored — but first we read when and
// where the photo was taken, because that is what makes it evidence. Time and place are kept in our
// own columns, shown only to the people who review the report, never on a public page.
import exifr from "exifr";
import { checkAttachment, displayName, type AttachmentType, type AttachmentUpload } from "~/domains/proposals/attachments.server";

export interface CheckedEvidence {
  bytes: Uint8Array; // metadata already stripped (photos)
  contentType: AttachmentType;
  fileName: string;
  takenAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

/** "2026:11:20 10:30:00" as cameras write it, in China time (cameras record local time without a zone). */
export function cameraTime(raw: unknown): Date | null {
  if (typeof raw !== "string") return null;
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(date.getTime()) || date.getFullYear() < 1990 ? null : date;
}

/** When and where, from the original bytes; nothing when the file does not say or says nonsense. */
export async function takenTimeAndPlace(bytes: Uint8Array, contentType: AttachmentType): Promise<Pick<CheckedEvidence, "takenAt" | "latitude" | "longitude">> {
  const none = { takenAt: null, latitude: null, longitude: null };
  if (contentType === "application/pdf") return none;
  try {
    const tags = await exifr.parse(Buffer.from(bytes), { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false, pick: ["DateTimeOriginal", "CreateDate", "DateTime", "GPSLatitude", "GPSLatitudeRef", "GPSLongitude", "GPSLongitudeRef"] });
    const gps = await exifr.gps(Buffer.from(bytes)).catch(() => undefined);
    const lat = gps?.latitude;
    const lon = gps?.longitude;
    const placeKnown = typeof lat === "number" && typeof lon === "number" && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
    return {
      takenAt: cameraTime(tags?.DateTimeOriginal ?? tags?.CreateDate ?? tags?.DateTime),
      latitude: placeKnown ? lat : null,
      longitude: placeKnown ? lon : null,
    };
  } catch {
    return none; // a photo without readable metadata is still a photo
  }
}

/** The upload as it will be stored with its time and place, or the locale key of what is wrong. */
export async function checkEvidenceUpload(upload: AttachmentUpload | null): Promise<CheckedEvidence | { error: string }> {
  const checked = checkAttachment(upload);
  if ("error" in checked) return checked;
  const where = await takenTimeAndPlace(upload!.bytes, checked.contentType);
  return { ...checked, fileName: displayName(upload!.fileName, checked.contentType), ...where };
}
