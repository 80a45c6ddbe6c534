// Secrets that belong to one installation, not to the code: made at random on first use and kept
// in its database (docs/decisions/0013-installation-secrets-in-the-database.md), so every web and
// worker process on that database, embedded or an external DATABASE_URL, uses the same one. Each
// is read once per process.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { installationSecrets } from "@db/schema";

const SECRETS = {
  /** Signs the local payment page's events (Stripe's form: whsec_ and random characters). */
  local_webhook: () => `whsec_${randomBytes(32).toString("base64url")}`,
};
export type InstallationSecret = keyof typeof SECRETS;

const read = new Map<InstallationSecret, Promise<string>>();

export function installationSecret(name: InstallationSecret): Promise<string> {
  let secret = read.get(name);
  if (!secret) {
    secret = readOrMake(name);
    read.set(name, secret);
    secret.catch(() => read.delete(name)); // a failed read is tried again next time
  }
  return secret;
}

async function readOrMake(name: InstallationSecret): Promise<string> {
  // Processes starting together may each make one: the first insert wins and all read it back.
  await db().insert(installationSecrets).values({ name, value: SECRETS[name]() }).onConflictDoNothing();
  const [row] = await db().select({ value: installationSecrets.value }).from(installationSecrets).where(eq(installationSecrets.name, name));
  return row.value;
}
