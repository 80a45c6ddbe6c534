// A need's timeline: one row per step, written in the same transaction as the step, next to its
// audit row. Deliberations write here too when they open and decide.
import type { Tx } from "@db/client";
import { needEvents, type NeedStatus } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { newId } from "~/utils/ids";

export interface NeedStep {
  needId: string;
  actorId: string | null;
  kind: string; // raised, triaged, escalated, referred, merged, deliberation_opened, decided, withdrawn…
  fromStatus?: NeedStatus | null;
  toStatus?: NeedStatus | null;
  note?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordNeedStep(tx: Tx, step: NeedStep) {
  await tx.insert(needEvents).values({
    id: newId(),
    needId: step.needId,
    actorId: step.actorId,
    kind: step.kind,
    fromStatus: step.fromStatus ?? null,
    toStatus: step.toStatus ?? null,
    note: step.note ?? null,
    detail: step.detail ?? {},
  });
  await recordAudit(tx, {
    actorId: step.actorId,
    action: `need.${step.kind}`,
    entityType: "need",
    entityId: step.needId,
    fromState: step.fromStatus ?? null,
    toState: step.toStatus ?? null,
    detail: step.note ? { note: step.note, ...step.detail } : step.detail,
  });
}
