// Who is asking, in loaders and actions.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { AppError, isAppError } from "./errors";
import { loadActor, type Actor } from "./permissions.server";

/** The signed-in person's memberships, or null for an anonymous visitor. */
export async function getActor(context: AppLoadContext): Promise<Actor | null> {
  return context.user ? loadActor(context.user) : null;
}

/** The actor, or a redirect to the login page that comes back here afterwards. */
export async function requireActor(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await getActor(context);
  if (!actor) throw redirect(loginUrl(request));
  return actor;
}

export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  return `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * Runs a loader body: an AppError becomes the error page with its status (403, 404…) and a
 * message in the user's language; "please log in" becomes a redirect to the login page.
 */
export async function runLoader<T>(request: Request, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "unauthenticated") throw redirect(loginUrl(request));
      throw data({ message: error.messageKey, params: error.params }, { status: error.status });
    }
    throw error;
  }
}

export function notFoundResponse(): never {
  throw new AppError("not_found");
}

export { safeRedirect } from "./safe-redirect";
