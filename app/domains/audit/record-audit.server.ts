import type { Tx } from "@db/client";
import { auditLog } from "@db/schema";

export interface AuditEntry {
  actorId: string | null; // null: the system (a worker task)
  action: string; // e.g. "org.verify"
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes the audit row; takes a transaction so that it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    detail: entry.detail ?? {},
  });
}
