import { and, count, desc, eq, isNull } from "drizzle-orm";
import { db } from "@db/client";
import { messageOutbox, notifications } from "@db/schema";

export async function unreadCount(userId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export function listNotifications(userId: string) {
  return db().select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(100);
}

/** Marks one of the user's own notifications (or all of them) read; another user's id matches nothing. */
export async function markRead(userId: string, notificationId?: string) {
  await db()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(eq(notifications.userId, userId), isNull(notifications.readAt), notificationId ? eq(notifications.id, notificationId) : undefined),
    );
}

export function listOutbox() {
  return db().select().from(messageOutbox).orderBy(desc(messageOutbox.createdAt)).limit(200);
}
