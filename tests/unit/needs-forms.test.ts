import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkPhotos, photoUploadHandler } from "~/domains/needs/photos.server";
import { needFilterSchema, raiseNeedSchema, triageSchema, MAX_PHOTO_BYTES } from "~/domains/needs/schemas";
import { canMove } from "~/domains/needs/states";
import { fieldErrorsOf } from "~/utils/forms.server";
import { jpegBytes } from "../factories";

const errorsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error as never);
};

/** Feeds one multipart part to the upload handler as Remix's parser does, in 64 KB chunks. */
async function upload(handler: ReturnType<typeof photoUploadHandler>["handler"], name: string, filename: string | undefined, bytes: Uint8Array) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
  return handler({ name, filename, contentType: "image/jpeg", data: Readable.from(chunks) as unknown as AsyncIterable<Uint8Array> });
}

describe("the form of a new need", () => {
  it("says in Chinese what each field lacks", () => {
    expect(errorsOf(raiseNeedSchema, {})).toEqual({ title: "errors.required", description: "errors.required", category: "needs.chooseCategory" });
    expect(errorsOf(raiseNeedSchema, { title: "路灯", description: "坏了", category: "lights" })).toEqual({
      title: "needs.titleTooShort",
      description: "needs.descriptionTooShort",
      category: "needs.chooseCategory",
    });
  });

  it("reads the public box as ticked only when it is", () => {
    const base = { title: "移民小区路灯坏了", description: "晚上一片漆黑，出门不安全。", category: "public_facilities" };
    expect(raiseNeedSchema.parse(base).isPublic).toBe(false);
    expect(raiseNeedSchema.parse({ ...base, isPublic: "on" }).isPublic).toBe(true);
  });
});

describe("triage", () => {
  it("大事 and 私事 need a note; 小事 does not", () => {
    expect(errorsOf(triageSchema, { triage: "big" })).toEqual({ note: "needs.noteRequired" });
    expect(errorsOf(triageSchema, { triage: "private", note: "   " })).toEqual({ note: "needs.noteRequired" });
    expect(errorsOf(triageSchema, { triage: "small" })).toEqual({});
    expect(errorsOf(triageSchema, { triage: "urgent" })).toEqual({ triage: "needs.chooseTriage" });
  });

  it("the state machine lets a new need be triaged, referred, merged or withdrawn, and a finished one nothing", () => {
    for (const to of ["triaged", "referred", "merged", "withdrawn"] as const) expect(canMove("submitted", to)).toBe(true);
    expect(canMove("submitted", "decided")).toBe(false);
    for (const from of ["referred", "withdrawn", "merged", "closed"] as const) expect(canMove(from, "triaged")).toBe(false);
  });
});

describe("list filters from the address bar", () => {
  it("fall back to the defaults on junk instead of failing", () => {
    expect(needFilterSchema.parse({ status: "nonsense", sort: "sideways", page: "-3", category: "x", q: "   " })).toEqual({ sort: "newest", page: 1 });
  });

  it("keep a query short and on one line", () => {
    expect(needFilterSchema.parse({ q: "  路灯\n\t坏了 " }).q).toBe("路灯 坏了");
    expect(needFilterSchema.parse({ q: "灯".repeat(100) }).q).toHaveLength(40);
  });
});

describe("photos as they arrive", () => {
  it("keeps nine photos and counts a tenth without keeping its bytes", async () => {
    const { handler, uploads } = photoUploadHandler();
    for (let i = 0; i < 10; i++) await upload(handler, "photos", `p${i}.jpg`, jpegBytes());
    expect(uploads.files).toHaveLength(9);
    expect(uploads.extra).toBe(1);
    expect(checkPhotos(uploads).error).toEqual({ key: "needs.photoTooMany", params: { max: 9 } });
  });

  it("drops a photo over the limit as it streams, and names it", async () => {
    const { handler, uploads } = photoUploadHandler();
    await upload(handler, "photos", "big.jpg", jpegBytes({ size: MAX_PHOTO_BYTES + 1 }));
    await upload(handler, "photos", "fine.jpg", jpegBytes({ size: MAX_PHOTO_BYTES }));
    expect(uploads.tooLarge).toEqual(["big.jpg"]);
    expect(uploads.files.map((f) => f.name)).toEqual(["fine.jpg"]);
    expect(checkPhotos(uploads).error).toEqual({ key: "needs.photoTooLarge", params: { name: "big.jpg", mb: 5 } });
  });

  it("ignores the empty part a browser sends when no file was chosen, and a file under another name", async () => {
    const { handler, uploads } = photoUploadHandler();
    expect(await upload(handler, "photos", "", new Uint8Array())).toBeUndefined();
    expect(await upload(handler, "title", "x.jpg", jpegBytes())).toBeUndefined();
    expect(uploads.files).toEqual([]);
    expect(checkPhotos(uploads)).toEqual({ photos: [] });
  });
});
