// The only file that imports lucia (docs/decisions/0003-remix-and-lucia-behind-seams.md).
// Passwords are argon2id; sessions are rows in `sessions`; throttling of password guesses lives here too.
import { hash, verify } from "@node-rs/argon2";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { loginThrottles, sessions, users } from "@db/schema";
import type { MessageKey } from "~/locales";
import { AppError } from "./errors";
import { isProduction } from "./env.server";
import { PASSWORD_MAX_LENGTH } from "./passwords";

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

export function hashPassword(password: string) {
  if (password.length > PASSWORD_MAX_LENGTH) throw new AppError("bad_input", { fieldErrors: { password: "errors.tooLong" } });
  return hash(password, ARGON2);
}
/** False for a wrong password, and for one too long to be anybody's (without hashing it). */
export const verifyPassword = async (passwordHash: string, password: string) =>
  password.length <= PASSWORD_MAX_LENGTH && (await verify(passwordHash, password).catch(() => false));

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

// ---- throttling of password (and join-code) guesses -----------------------------------------
// Tries are counted per account identifier and per client address. After SLOW_AFTER tries each
// further one waits longer; at its lock threshold the key is refused for LOCK_MINUTES. An address
// is shared by many people (a community centre, a mobile carrier's NAT), so it locks only after
// many more tries than one account does. A try is taken BEFORE the password is checked, by one
// INSERT … ON CONFLICT … RETURNING per key: the count comes from the database, so twenty guesses
// sent at once get no more than the limit between them. A right password gives its try back.
export const SLOW_AFTER = 3;
export const LOCK_AFTER = 5; // per account
export const LOCK_AFTER_PER_ADDRESS = 30;
export const LOCK_MINUTES = 15;
const FORGET_AFTER_MINUTES = 60;

export interface ThrottleKey {
  key: string;
  lockAfter: number;
  /** The locale key of the refusal; it receives {minutes}. */
  lockedMessage?: MessageKey;
}

export const accountKey = (identifier: string): ThrottleKey => ({ key: `id:${identifier}`, lockAfter: LOCK_AFTER, lockedMessage: "auth.lockedUseCode" });
export const addressKey = (clientAddress: string): ThrottleKey => ({ key: `ip:${clientAddress}`, lockAfter: LOCK_AFTER_PER_ADDRESS });

/**
 * Takes one try of each key, in order, and refuses (429) at the first key that is over its limit
 * or still locked. Returns the tries of the last key so far, for the slowdown.
 */
export async function takeTry(keys: ThrottleKey[]): Promise<number> {
  let tries = 0;
  for (const { key, lockAfter, lockedMessage } of keys) {
    // A try long ago, or one before a lock that has run out, starts the count afresh; the try that
    // reaches the limit sets the lock, and tries during a lock are counted without extending it.
    const [row] = await db().execute<{ failures: number; locked_until: string | null }>(sql`
      insert into login_throttles as t (key, failures, last_failure_at, locked_until)
      values (${key}, 1, now(), case when ${lockAfter} <= 1 then now() + make_interval(mins => ${LOCK_MINUTES}) end)
      on conflict (key) do update set
        failures = case when t.last_failure_at < now() - make_interval(mins => ${FORGET_AFTER_MINUTES}) or t.locked_until < now() then 1
          else t.failures + 1 end,
        locked_until = case
          when t.last_failure_at < now() - make_interval(mins => ${FORGET_AFTER_MINUTES}) or t.locked_until < now() then null
          when t.locked_until is not null then t.locked_until
          when t.failures + 1 >= ${lockAfter} then now() + make_interval(mins => ${LOCK_MINUTES})
          else null end,
        last_failure_at = now()
      returning failures, locked_until`);
    if (row.failures > lockAfter) {
      const until = row.locked_until ? new Date(row.locked_until).getTime() : Date.now();
      const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60000));
      throw new AppError("rate_limited", { message: lockedMessage ?? "auth.locked", params: { minutes } });
    }
    tries = row.failures;
  }
  return tries;
}

/** Delay before checking a password that is the `tries`-th try of an account. */
export function slowdownMs(tries: number): number {
  return tries <= SLOW_AFTER ? 0 : Math.min(2000, 250 * 2 ** (tries - 1 - SLOW_AFTER));
}

/** A right password or code forgets the tries of these keys (the account's, never the address's). */
export async function forgetTries(keys: ThrottleKey[]) {
  if (keys.length) await db().delete(loginThrottles).where(sql`${loginThrottles.key} in ${keys.map((k) => k.key)}`);
}

/** A right password from an address gives back the try it took there (people sharing a NAT sign in all day). */
export async function giveTryBack({ key, lockAfter }: ThrottleKey) {
  await db().execute(sql`
    update login_throttles set failures = greatest(failures - 1, 0),
      locked_until = case when failures - 1 < ${lockAfter} then null else locked_until end
    where key = ${key}`);
}

/** The account signed up with this number or email, and whether its owner has proved they hold it. */
export async function findUserForLogin(identifier: { phone?: string; email?: string }) {
  const where = identifier.phone ? eq(users.phone, identifier.phone) : eq(users.email, identifier.email ?? "");
  const [user] = await db()
    .select({ id: users.id, passwordHash: users.passwordHash, locale: users.locale, verifiedAt: identifier.phone ? users.phoneVerifiedAt : users.emailVerifiedAt })
    .from(users)
    .where(where);
  return user ? { id: user.id, passwordHash: user.passwordHash, locale: user.locale, contactVerified: user.verifiedAt !== null } : null;
}
