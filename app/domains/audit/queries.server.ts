import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, users } from "@db/schema";

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paged by id so deep pages stay fast on a long log. */
export async function listAudit(options: { entityType?: string; entityId?: string; before?: number }) {
  const where: SQL[] = [];
  if (options.entityType) where.push(eq(auditLog.entityType, options.entityType));
  if (options.entityId) where.push(eq(auditLog.entityId, options.entityId));
  if (options.before) where.push(lt(auditLog.id, options.before));
  const rows = await db()
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      fromState: auditLog.fromState,
      toState: auditLog.toState,
      detail: auditLog.detail,
      at: auditLog.at,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id : null };
}
