import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, households, memberships, oneTimeCodes, organisations, places, users } from "@db/schema";
import type { ContactChannel } from "./schemas";

/** What the account page shows its owner: their organisations and their household. */
export async function accountOverview(userId: string) {
  const [orgs, household] = await Promise.all([
    db()
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, status: organisations.status, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.userId, userId)),
    db()
      .select({ label: households.label, building: places.name, verified: householdMembers.verified })
      .from(householdMembers)
      .innerJoin(households, eq(households.id, householdMembers.householdId))
      .innerJoin(places, eq(places.id, households.buildingId))
      .where(eq(householdMembers.userId, userId)),
  ]);
  return { orgs, household: household[0] ?? null };
}

/** The account's number and email, each with whether it is verified and whether a code is waiting to be typed. */
export async function contactsOf(userId: string) {
  const [me] = await db()
    .select({ phone: users.phone, email: users.email, phoneVerifiedAt: users.phoneVerifiedAt, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) return [];
  const waiting = await db()
    .select({ contact: oneTimeCodes.contact })
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, userId),
        eq(oneTimeCodes.purpose, "verify_contact"),
        isNull(oneTimeCodes.consumedAt),
        gt(oneTimeCodes.expiresAt, new Date()),
      ),
    );
  const entries: { channel: ContactChannel; contact: string | null; verifiedAt: Date | null }[] = [
    { channel: "phone", contact: me.phone, verifiedAt: me.phoneVerifiedAt },
    { channel: "email", contact: me.email, verifiedAt: me.emailVerifiedAt },
  ];
  return entries
    .filter((e): e is typeof e & { contact: string } => e.contact !== null)
    .map((e) => ({ channel: e.channel, contact: e.contact, verified: e.verifiedAt !== null, codeWaiting: waiting.some((w) => w.contact === e.contact) }));
}
