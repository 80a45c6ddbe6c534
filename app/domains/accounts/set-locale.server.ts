import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { users } from "@db/schema";
import type { Locale } from "~/locales";

/** Remembers the chosen language on the account, so it follows the user to other devices. */
export async function setLocale(userId: string, locale: Locale) {
  await db().update(users).set({ locale }).where(eq(users.id, userId));
}
