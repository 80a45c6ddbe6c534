// Evidence of money moving (a receipt, an invoice, the board's signed resolution): one photo or PDF
// per entry, checked by its bytes, photos stripped of EXIF/GPS, kept through the one storage module.
// Evidence is for the fund's own people and its supervisors, not the public page: a receipt may
// carry a resident's name.
import type { UploadHandler } from "@remix-run/node";
import type { z } from "zod";
import { AppError } from "~/utils/errors";
import { fieldErrorsOf, readForm } from "~/utils/forms.server";
import { newId } from "~/utils/ids";
import { checkDocument } from "~/utils/images.server";
import { fileStorage } from "~/utils/storage.server";

export const EVIDENCE_FIELD = "evidence";
/** What evidence is kept for: an offline income, a disbursement, a refund request. */
export type EvidenceKind = "offline_income" | "disbursement" | "refund";
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface Evidence {
  bytes: Uint8Array;
  contentType: "image/jpeg" | "image/png" | "image/webp" | "application/pdf";
}

const EXTENSION: Record<Evidence["contentType"], string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };

/** The file as it will be stored, or the locale key of what is wrong with it. */
export function checkEvidence(bytes: Uint8Array): Evidence | { error: string } {
  if (bytes.length > MAX_EVIDENCE_BYTES) return { error: "funds.evidenceTooLarge" };
  const checked = checkDocument(bytes);
  if ("problem" in checked) return { error: checked.problem === "type" ? "funds.evidenceType" : "funds.evidenceBroken" };
  return checked;
}

/** Reads a fund form (multipart with an evidence file, or plain): its fields through `schema`, and the file. */
export async function readFundForm<S extends z.ZodType>(request: Request, schema: S): Promise<{ input: z.infer<S>; evidence: Evidence | null }> {
  let upload: { bytes: Uint8Array; tooLarge: boolean } | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    // Only the first file under the evidence field is kept, and never more than the limit in memory.
    const keep = name === EVIDENCE_FIELD && !upload;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (keep && size <= MAX_EVIDENCE_BYTES) chunks.push(chunk);
    }
    if (keep && size > 0) upload = { bytes: new Uint8Array(Buffer.concat(chunks)), tooLarge: size > MAX_EVIDENCE_BYTES };
    return undefined;
  };
  const parsed = schema.safeParse(await readForm(request, handler));
  const file = upload as { bytes: Uint8Array; tooLarge: boolean } | null;
  const evidence = file ? (file.tooLarge ? { error: "funds.evidenceTooLarge" } : checkEvidence(file.bytes)) : null;
  const evidenceError = evidence && "error" in evidence ? evidence.error : null;
  if (parsed.success && !evidenceError) return { input: parsed.data, evidence: evidence as Evidence | null };
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (evidenceError) fieldErrors[EVIDENCE_FIELD] = evidenceError;
  throw new AppError("bad_input", { fieldErrors });
}

/** Stores the evidence of one entry; returns its storage key. */
export async function storeEvidence(fundId: string, kind: EvidenceKind, evidence: Evidence): Promise<string> {
  const key = `funds/${fundId}/${kind}/${newId()}.${EXTENSION[evidence.contentType]}`;
  await fileStorage().put(key, evidence.bytes, evidence.contentType);
  return key;
}

/** Runs `write` with the evidence stored first; if the write fails, the stored file is removed again. */
export async function withStoredEvidence<T>(fundId: string, kind: EvidenceKind, evidence: Evidence | null, write: (key: string | null) => Promise<T>): Promise<T> {
  const key = evidence ? await storeEvidence(fundId, kind, evidence) : null;
  try {
    return await write(key);
  } catch (error) {
    if (key) await fileStorage().remove(key).catch(() => {});
    throw error;
  }
}
