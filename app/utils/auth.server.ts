// The only file that imports lucia (docs/decisions/0003-remix-and-lucia-behind-seams.md).
// Passwords are argon2id; sessions are rows in `sessions`; throttling of failed sign-ins lives here too.
import { hash, verify } from "@node-rs/argon2";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { loginThrottles, sessions, users } from "@db/schema";
import { AppError } from "./errors";
import { isProduction } from "./env.server";

export interface SessionUser {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  locale: string;
  isPlatformAdmin: boolean;
}

type UserRow = typeof users.$inferSelect;

declare module "lucia" {
  interface Register {
    Lucia: Lucia<Record<never, never>, Omit<SessionUser, "id">>;
    DatabaseUserAttributes: UserRow;
  }
}

let lucia: Lucia<Record<never, never>, Omit<SessionUser, "id">> | undefined;

function auth() {
  lucia ??= new Lucia(new DrizzlePostgreSQLAdapter(db(), sessions, users), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: "sanshe_session",
      // HttpOnly and SameSite=Lax are lucia's defaults; Secure in production.
      attributes: { secure: isProduction(), sameSite: "lax" },
    },
    // The drizzle adapter hands over the user row by the schema's field names.
    getUserAttributes: (user) => {
      return {
        displayName: user.displayName,
        phone: user.phone,
        email: user.email,
        locale: user.locale,
        isPlatformAdmin: user.isPlatformAdmin,
      };
    },
  });
  return lucia;
}

// argon2id with the OWASP-recommended floor (19 MiB, 2 passes).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 as const };

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

export interface ResolvedSession {
  user: SessionUser | null;
  sessionId: string | null;
  /** A Set-Cookie header to send back (a refreshed or a cleared cookie), if any. */
  setCookie: string | null;
}

/** Reads the session cookie of a request and checks it against the database. */
export async function resolveSession(cookieHeader: string | null | undefined): Promise<ResolvedSession> {
  const lucia = auth();
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, sessionId: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { user: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  return {
    user,
    sessionId: session.id,
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

/** A new session (always a new id) for a user who just proved who they are; returns its cookie. */
export async function startSession(userId: string): Promise<string> {
  const lucia = auth();
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(sessionId: string | null): Promise<string> {
  const lucia = auth();
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: string) {
  await auth().invalidateUserSessions(userId);
}

// ---- throttling of failed sign-ins -------------------------------------------------------
// Failures are counted per account identifier and per client address. After SLOW_AFTER failures
// each further try of that key waits longer; at its lock threshold the key is refused for
// LOCK_MINUTES. An address is shared by many people (a community centre, a mobile carrier's NAT),
// so it locks only after many more failures than one account does.
export const SLOW_AFTER = 3;
export const LOCK_AFTER = 5; // per account
export const LOCK_AFTER_PER_ADDRESS = 30;
export const LOCK_MINUTES = 15;
const FORGET_AFTER_MINUTES = 60;

export interface ThrottleKey {
  key: string;
  lockAfter: number;
}

export const throttleKeys = (identifier: string, clientAddress: string): ThrottleKey[] => [
  { key: `id:${identifier}`, lockAfter: LOCK_AFTER },
  { key: `ip:${clientAddress}`, lockAfter: LOCK_AFTER_PER_ADDRESS },
];

/** Refuses a locked key; otherwise returns the recent failures of the account key, for the slowdown. */
export async function assertNotLocked(keys: ThrottleKey[]): Promise<number> {
  const rows = await db()
    .select()
    .from(loginThrottles)
    .where(sql`${loginThrottles.key} in ${keys.map((k) => k.key)}`);
  let failures = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > new Date()) {
      const minutes = Math.max(1, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 60000));
      throw new AppError("rate_limited", { message: "auth.locked", params: { minutes } });
    }
    const recent = Date.now() - row.lastFailureAt.getTime() < FORGET_AFTER_MINUTES * 60000;
    if (recent && row.key.startsWith("id:")) failures = row.failures;
  }
  return failures;
}

/** Delay before answering a sign-in when there have been `failures` recent failures. */
export function slowdownMs(failures: number): number {
  return failures < SLOW_AFTER ? 0 : Math.min(2000, 250 * 2 ** (failures - SLOW_AFTER));
}

export async function recordFailure(keys: ThrottleKey[]) {
  for (const { key, lockAfter } of keys) {
    // A failure long ago, or one before a lock that has run out, starts the count afresh.
    await db().execute(sql`
      insert into login_throttles (key, failures, last_failure_at) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case
          when login_throttles.last_failure_at < now() - make_interval(mins => ${FORGET_AFTER_MINUTES})
            or login_throttles.locked_until < now() then 1
          else login_throttles.failures + 1 end,
        last_failure_at = now(),
        locked_until = null`);
    await db().execute(sql`
      update login_throttles set locked_until = now() + make_interval(mins => ${LOCK_MINUTES})
      where key = ${key} and failures >= ${lockAfter}`);
  }
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function clearFailures(keys: ThrottleKey[]) {
  const accountKeys = keys.filter((k) => k.key.startsWith("id:")).map((k) => k.key);
  if (accountKeys.length) await db().delete(loginThrottles).where(sql`${loginThrottles.key} in ${accountKeys}`);
}

export async function findUserForLogin(identifier: { phone?: string; email?: string }) {
  const where = identifier.phone ? eq(users.phone, identifier.phone) : eq(users.email, identifier.email ?? "");
  const [user] = await db().select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(where);
  return user ?? null;
}
