// 三事分流: community staff sort a new need into 小事 (the community's own, on to deliberation),
// 大事 (the government's job: escalated to the street with a note) or 私事 (a private matter:
// referred, with a note on who should handle it, and closed). Once only: a second triage of the
// same need is refused, however close together the two come.
import { places, type NeedStatus } from "@db/schema";
import { db } from "@db/client";
import { eq } from "drizzle-orm";
import type { MessageKey } from "~/locales";
import { badInput, conflict, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, isCommunityStaff, type Actor } from "~/utils/permissions.server";
import type { TriageInput } from "./schemas";
import { assertCanMove, followerIds, lockNeed, setNeed, staffOf, tell } from "./steps.server";
import { recordNeedStep } from "./timeline.server";

const OUTCOME: Record<TriageInput["triage"], { status: NeedStatus; kind: string; title: MessageKey; body: MessageKey; othersBody: MessageKey }> = {
  small: { status: "triaged", kind: "triaged", title: "needs.notifySmallTitle", body: "needs.notifySmallBody", othersBody: "needs.notifySmallBodyOthers" },
  big: { status: "triaged", kind: "escalated", title: "needs.notifyBigTitle", body: "needs.notifyBigBody", othersBody: "needs.notifyBigBodyOthers" },
  private: { status: "referred", kind: "referred", title: "needs.notifyPrivateTitle", body: "needs.notifyPrivateBody", othersBody: "needs.notifyPrivateBodyOthers" },
};

export async function triageNeed(options: { actor: Actor | null; needId: string; input: TriageInput }) {
  const { actor, input } = options;
  authorize(actor, "account.use");
  const outcome = OUTCOME[input.triage];
  // The form says so too; the rule lives here so no caller can skip it.
  if (input.triage !== "small" && !input.note?.trim()) throw badInput({ note: "needs.noteRequired" });
  return db().transaction(async (tx) => {
    const need = await lockNeed(tx, options.needId);
    if (!isCommunityStaff(actor, need.communityId)) throw forbidden();
    if (need.status !== "submitted") throw conflict("needs.alreadyTriaged");
    assertCanMove(need, outcome.status);

    let escalatedToId: string | null = null;
    if (input.triage === "big") {
      const [community] = await tx.select({ streetId: places.parentId }).from(places).where(eq(places.id, need.communityId));
      escalatedToId = community?.streetId ?? null;
      if (!escalatedToId) throw conflict("needs.noStreet");
    }
    const note = input.note ?? null;
    await setNeed(tx, need.id, { status: outcome.status, triage: input.triage, escalatedToId, triageNote: note });
    await recordNeedStep(tx, {
      needId: need.id,
      actorId: actor.userId,
      kind: outcome.kind,
      fromStatus: need.status,
      toStatus: outcome.status,
      note,
      detail: { triage: input.triage, ...(escalatedToId ? { escalatedToId } : {}) },
    });
    const step = { needId: need.id, actorId: actor.userId, eventKey: newId() };
    const params = { title: need.title, note: note ?? "" };
    // The note is the staff's words about a resident's matter: its raiser reads it, other
    // followers hear only what happened.
    const followers = await followerIds(tx, { ...need, status: outcome.status });
    const notice = { kind: `need.${outcome.kind}`, title: outcome.title, link: `/needs/${need.id}` };
    await tell(tx, step, followers.filter((id) => id === need.raisedBy), { ...notice, body: outcome.body, params });
    await tell(tx, { ...step, eventKey: `${step.eventKey}:others` }, followers.filter((id) => id !== need.raisedBy), { ...notice, body: outcome.othersBody, params: { title: need.title } });
    if (escalatedToId) {
      await tell(tx, step, await staffOf(tx, "government_unit", escalatedToId), {
        params,
        kind: "need.escalated_to_street",
        title: "needs.notifyStreetTitle",
        body: "needs.notifyStreetBody",
        link: `/street/${escalatedToId}/needs`,
      });
    }
    return { status: outcome.status, escalatedToId };
  });
}
