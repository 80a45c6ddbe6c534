// Attachments of a proposal (附件): a PDF or a photo, checked by its bytes (never its name or declared
// type), photos stripped of EXIF/GPS, kept through the one storage module under a key made of ids
// only. The organisation adds and removes them while the proposal is editable, on the same terms as
// the rest of the proposal (need lock, database clock). They are as sealed as the proposal itself:
// whoever proposalViewer refuses learns nothing, not even that a file exists.
import type { UploadHandler } from "@remix-run/node";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { proposalAttachments, proposals, serviceNeeds } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, conflict, forbidden, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { checkDocument, type ImageType } from "~/utils/images.server";
import type { Actor } from "~/utils/permissions.server";
import { fileStorage } from "~/utils/storage.server";
import { isOpenNeed, lockNeed } from "./need-lock.server";
import { proposalViewer } from "./visibility";

export const ATTACHMENT_FIELD = "attachment";
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export type AttachmentType = ImageType | "application/pdf";

/** What came in under the attachment field: the first file, its bytes kept only within the limit. */
export interface AttachmentUpload {
  fileName: string;
  bytes: Uint8Array;
  tooLarge: boolean;
}

/**
 * An upload handler for readForm that keeps the first file under the attachment field and never
 * more than the limit in memory; other files are read and dropped (readForm reads the text parts).
 */
export function attachmentUploadHandler(): { handler: UploadHandler; upload: () => AttachmentUpload | null } {
  let upload: AttachmentUpload | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const keep = name === ATTACHMENT_FIELD && !upload;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (keep && size <= MAX_ATTACHMENT_BYTES) chunks.push(chunk);
    }
    if (keep && (size > 0 || filename)) upload = { fileName: filename || "", bytes: new Uint8Array(Buffer.concat(chunks)), tooLarge: size > MAX_ATTACHMENT_BYTES };
    return undefined;
  };
  return { handler, upload: () => upload };
}

/** The file as it will be stored, or the locale key of what is wrong with it. */
export function checkAttachment(upload: AttachmentUpload | null): { bytes: Uint8Array; contentType: AttachmentType } | { error: string } {
  if (!upload || (upload.bytes.length === 0 && !upload.tooLarge)) return { error: "proposals.attachmentRequired" };
  if (upload.tooLarge || upload.bytes.length > MAX_ATTACHMENT_BYTES) return { error: "proposals.attachmentTooLarge" };
  const checked = checkDocument(upload.bytes);
  if ("problem" in checked) return { error: checked.problem === "type" ? "proposals.attachmentType" : "proposals.attachmentBroken" };
  return checked;
}

const EXTENSION: Record<AttachmentType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };

/**
 * The name shown to people (never used to store the file): no folders, no control or
 * direction-changing characters, at most 100 characters; a plain name when nothing is left.
 */
export function displayName(raw: string, contentType: AttachmentType): string {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/["<>|:*?]/g, "_")
    .trim()
    .replace(/^\.+/, "");
  const name = [...clean].slice(0, 100).join("");
  return name || `附件.${EXTENSION[contentType]}`;
}

/** The proposal's organisation, for a member of it; 404 for everyone else (a sealed proposal does not leak). */
async function ownProposal(actor: Actor | null, proposalId: string) {
  if (!actor) throw forbidden();
  const [found] = await db().select({ serviceNeedId: proposals.serviceNeedId, orgId: proposals.orgId }).from(proposals).where(eq(proposals.id, proposalId));
  if (!found || !actor.memberships.some((m) => m.orgId === found.orgId)) throw notFound();
  return found;
}

/** Inside a transaction: the need locked (shared, like every proposal edit) and the proposal still editable. */
async function lockEditable(tx: Tx, serviceNeedId: string, proposalId: string) {
  const { need, closed } = await lockNeed(tx, serviceNeedId, "share");
  if (closed) throw conflict("proposals.deadlinePassed");
  if (!isOpenNeed(need.status)) throw conflict("proposals.needNotOpen");
  const [proposal] = await tx.select({ status: proposals.status }).from(proposals).where(eq(proposals.id, proposalId)).for("update");
  if (proposal.status !== "draft" && proposal.status !== "submitted") throw conflict("proposals.notEditable");
}

/** A member of the proposing organisation attaches a file; refused beside the field when it is not one we take. */
export async function addAttachment(options: { actor: Actor | null; proposalId: string; upload: AttachmentUpload | null }) {
  const { actor, proposalId, upload } = options;
  const found = await ownProposal(actor, proposalId);
  const checked = checkAttachment(upload);
  if ("error" in checked) throw badInput({ [ATTACHMENT_FIELD]: checked.error });

  const id = newId();
  const storageKey = `proposals/${proposalId}/${id}`;
  const fileName = displayName(upload?.fileName ?? "", checked.contentType);
  let stored = false;
  try {
    return await db().transaction(async (tx) => {
      await lockEditable(tx, found.serviceNeedId, proposalId);
      const [{ n }] = await tx.select({ n: count() }).from(proposalAttachments).where(eq(proposalAttachments.proposalId, proposalId));
      if (n >= MAX_ATTACHMENTS) throw badInput({ [ATTACHMENT_FIELD]: "proposals.attachmentTooMany" });
      await fileStorage().put(storageKey, checked.bytes, checked.contentType);
      stored = true;
      const [row] = await tx
        .insert(proposalAttachments)
        .values({ id, proposalId, storageKey, fileName, contentType: checked.contentType, bytes: checked.bytes.length, uploadedBy: actor!.userId })
        .returning();
      await recordAudit(tx, {
        actorId: actor!.userId,
        action: "proposal.attachment.add",
        entityType: "proposal",
        entityId: proposalId,
        detail: { attachmentId: id, contentType: checked.contentType, bytes: checked.bytes.length },
      });
      return row;
    });
  } catch (error) {
    if (stored) await fileStorage().remove(storageKey).catch(() => {});
    throw error;
  }
}

/** A member of the proposing organisation removes an attachment, on the same terms as adding one. */
export async function removeAttachment(options: { actor: Actor | null; proposalId: string; attachmentId: string }) {
  const { actor, proposalId, attachmentId } = options;
  const found = await ownProposal(actor, proposalId);
  const removed = await db().transaction(async (tx) => {
    await lockEditable(tx, found.serviceNeedId, proposalId);
    const [row] = await tx
      .delete(proposalAttachments)
      .where(and(eq(proposalAttachments.id, attachmentId), eq(proposalAttachments.proposalId, proposalId)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, { actorId: actor!.userId, action: "proposal.attachment.remove", entityType: "proposal", entityId: proposalId, detail: { attachmentId } });
    return row;
  });
  // The row is gone for good; the file follows (a leftover file is unreachable without its row).
  await fileStorage().remove(removed.storageKey).catch(() => {});
  return removed;
}

/** The attachments of proposals the caller has already been allowed to see (name and size only). */
export async function attachmentsOf(proposalIds: string[]) {
  if (!proposalIds.length) return [];
  return db()
    .select({ id: proposalAttachments.id, proposalId: proposalAttachments.proposalId, fileName: proposalAttachments.fileName, contentType: proposalAttachments.contentType, bytes: proposalAttachments.bytes, createdAt: proposalAttachments.createdAt })
    .from(proposalAttachments)
    .where(inArray(proposalAttachments.proposalId, proposalIds))
    .orderBy(asc(proposalAttachments.createdAt), asc(proposalAttachments.id));
}

/** One attachment's file, or null when it does not exist or proposalViewer refuses the actor the proposal. */
export async function attachmentFileForViewer(actor: Actor | null, proposalId: string, attachmentId: string) {
  const [row] = await db()
    .select({
      attachment: proposalAttachments,
      orgId: proposals.orgId,
      status: proposals.status,
      communityId: serviceNeeds.communityId,
      needStatus: serviceNeeds.status,
      closed: sql<boolean>`clock_timestamp() >= ${serviceNeeds.proposalDeadline}`,
    })
    .from(proposalAttachments)
    .innerJoin(proposals, eq(proposals.id, proposalAttachments.proposalId))
    .innerJoin(serviceNeeds, eq(serviceNeeds.id, proposals.serviceNeedId))
    .where(and(eq(proposalAttachments.id, attachmentId), eq(proposalAttachments.proposalId, proposalId)));
  if (!row || !proposalViewer(actor, row, { communityId: row.communityId, status: row.needStatus, closed: row.closed })) return null;
  const file = await fileStorage().get(row.attachment.storageKey);
  if (!file) return null;
  return { fileName: row.attachment.fileName, contentType: row.attachment.contentType, bytes: file.bytes };
}
