// The real web server (the built Remix app behind server.ts) on a free port, for tests that go
// through HTTP: routes, cookies, the forgery check, status codes.
import type { Server } from "node:http";
import { freePort } from "@db/embedded";
import { startSession } from "~/utils/auth.server";
import { startWebServer } from "../../server";

export interface TestApp {
  baseUrl: string;
  stop: () => Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const port = await freePort();
  const server: Server = await startWebServer({ port, host: "127.0.0.1" });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Browserish {
  cookie: string;
  get: (path: string) => Promise<Response>;
  post: (path: string, form: Record<string, string | string[]>, headers?: Record<string, string>) => Promise<Response>;
}

/** A client that keeps its cookies and sends Origin like a browser on our own pages does. */
export function client(app: TestApp, cookies: Record<string, string> = {}): Browserish {
  const jar = new Map<string, string>(Object.entries(cookies));
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair.split("=");
      if (value === "" || /Max-Age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    get cookie() {
      return cookie();
    },
    get: async (path) => keep(await fetch(app.baseUrl + path, { headers: { cookie: cookie() }, redirect: "manual" })),
    post: async (path, form, headers = {}) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
      return keep(
        await fetch(app.baseUrl + path, {
          method: "POST",
          body,
          redirect: "manual",
          headers: { cookie: cookie(), origin: app.baseUrl, "content-type": "application/x-www-form-urlencoded", ...headers },
        }),
      );
    },
  };
}

/** Signs in through the real login form; returns the client holding the session. */
export async function signedIn(app: TestApp, login: string, password: string): Promise<Browserish> {
  const c = client(app);
  const res = await c.post("/login", { contact: login, password });
  if (res.status !== 302 && res.status !== 204) throw new Error(`login as ${login} failed: ${res.status} ${await res.text()}`);
  return c;
}

/** A client holding a fresh session of this user, made without the login form (no password hash, no throttle). */
export async function sessionOf(app: TestApp, userId: string): Promise<Browserish> {
  const [pair] = (await startSession(userId)).split(";");
  const [name, value] = pair.split("=");
  return client(app, { [name]: value });
}
