// Photos of a need: read from the upload without keeping more than the limit in memory, checked
// by their bytes (never the name or the declared type), stripped of EXIF/GPS, then stored through
// the one storage module. Nothing is stored before every photo and field has passed.
import type { UploadHandler } from "@remix-run/node";
import { detectImageType, MalformedImageError, stripImageMetadata, type ImageType } from "~/utils/images.server";
import { fileStorage } from "~/utils/storage.server";
import { newId } from "~/utils/ids";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "./schemas";

/** What came in under the `photos` field: files within the limits, and how many did not fit. */
export interface PhotoUploads {
  files: { name: string; bytes: Uint8Array }[];
  /** Files over the size limit (their bytes were not kept). */
  tooLarge: string[];
  /** Files beyond the count limit (their bytes were not kept). */
  extra: number;
}

export const PHOTO_FIELD = "photos";

/**
 * An upload handler for readForm (which reads the text parts) that keeps at most MAX_PHOTOS files
 * of at most MAX_PHOTO_BYTES each; the rest is read and dropped, and counted so the form can say why.
 */
export function photoUploadHandler(): { handler: UploadHandler; uploads: PhotoUploads } {
  const uploads: PhotoUploads = { files: [], tooLarge: [], extra: 0 };
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== PHOTO_FIELD) {
      for await (const _ of data); // a file under another name: read and dropped
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let keep = uploads.files.length < MAX_PHOTOS;
    for await (const chunk of data) {
      size += chunk.length;
      if (size > MAX_PHOTO_BYTES) keep = false;
      if (keep) chunks.push(chunk);
    }
    if (size === 0 && !filename) return undefined; // the empty part a browser sends for "no file chosen"
    if (size > MAX_PHOTO_BYTES) uploads.tooLarge.push(filename || "?");
    else if (uploads.files.length >= MAX_PHOTOS) uploads.extra++;
    else uploads.files.push({ name: filename || "?", bytes: new Uint8Array(Buffer.concat(chunks)) });
    return undefined;
  };
  return { handler, uploads };
}

export interface CheckedPhoto {
  bytes: Uint8Array;
  contentType: ImageType;
}

/** The photos ready to store, or the message to show beside the photos field. */
export function checkPhotos(uploads: PhotoUploads): { photos: CheckedPhoto[]; error?: { key: string; params?: Record<string, string | number> } } {
  if (uploads.files.length + uploads.tooLarge.length + uploads.extra > MAX_PHOTOS) {
    return { photos: [], error: { key: "needs.photoTooMany", params: { max: MAX_PHOTOS } } };
  }
  if (uploads.tooLarge.length) return { photos: [], error: { key: "needs.photoTooLarge", params: { name: uploads.tooLarge[0], mb: MAX_PHOTO_BYTES / 1024 / 1024 } } };
  const photos: CheckedPhoto[] = [];
  for (const file of uploads.files) {
    const type = detectImageType(file.bytes);
    if (!type) return { photos: [], error: { key: "needs.photoNotImage", params: { name: file.name } } };
    try {
      photos.push({ bytes: stripImageMetadata(file.bytes, type), contentType: type });
    } catch (error) {
      if (error instanceof MalformedImageError) return { photos: [], error: { key: "needs.photoBroken", params: { name: file.name } } };
      throw error;
    }
  }
  return { photos };
}

export interface StoredPhoto {
  id: string;
  storageKey: string;
  contentType: string;
  bytes: number;
  position: number;
}

const EXTENSION: Record<ImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Stores the photos of a need; on any failure removes what it stored and throws. */
export async function storePhotos(needId: string, photos: CheckedPhoto[]): Promise<StoredPhoto[]> {
  const stored: StoredPhoto[] = [];
  try {
    for (const [position, photo] of photos.entries()) {
      const id = newId();
      const storageKey = `needs/${needId}/${id}.${EXTENSION[photo.contentType]}`;
      await fileStorage().put(storageKey, photo.bytes, photo.contentType);
      stored.push({ id, storageKey, contentType: photo.contentType, bytes: photo.bytes.length, position });
    }
    return stored;
  } catch (error) {
    await removePhotos(stored);
    throw error;
  }
}

export async function removePhotos(stored: { storageKey: string }[]) {
  await Promise.allSettled(stored.map((p) => fileStorage().remove(p.storageKey)));
}
