// The HTTP server: static files, then per request the session and language, the cross-site
// forgery check, and Remix. Stateless: run as many of these as you like behind a load balancer.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Server } from "node:http";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { resolveSession } from "~/utils/auth.server";
import { limitRequestBodies } from "~/utils/body-limit.server";
import { isCrossSiteForgery } from "~/utils/csrf.server";
import { isProduction } from "~/utils/env.server";
import { resolveLocale } from "~/utils/i18n.server";
import { securityHeaders } from "~/utils/security-headers.server";
import { translate } from "~/locales";

const root = path.dirname(fileURLToPath(import.meta.url));

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export async function startWebServer(options: { port: number; host?: string }): Promise<Server> {
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client's address is in X-Forwarded-For; believe it only from proxies on
  // private networks (or as TRUST_PROXY says), so nobody can dodge sign-in throttling by forging it.
  app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback, linklocal, uniquelocal");
  // Webhooks answer machines with a few bytes of JSON: a zlib stream per answer cost a tenth of a
  // web process's CPU under `npm run bench:ledger` and saved nothing.
  app.use(compression({ filter: (req, res) => !req.path.startsWith("/webhooks/") && compression.filter(req, res) }));
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  // Pages add their Content-Security-Policy, with a nonce per answer, in app/entry.server.tsx.
  const headers = securityHeaders(isProduction());
  app.use((req, res, next) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    next();
  });

  // A NUL character can reach no page (PostgreSQL refuses it in text): answer 404, not a fault.
  app.use((req, res, next) => {
    if (!/%00/.test(req.originalUrl)) return next();
    res.status(404).type("text/plain; charset=utf-8").send(translate(resolveLocale(req.get("cookie"), null), "errors.notFound"));
  });

  app.use((req, res, next) => {
    const forged = isCrossSiteForgery({
      method: req.method,
      path: req.path,
      host: req.get("host"),
      origin: req.get("origin"),
      referer: req.get("referer"),
      secFetchSite: req.get("sec-fetch-site"),
    });
    if (!forged) return next();
    const locale = resolveLocale(req.get("cookie"), null);
    res.status(403).type("text/plain; charset=utf-8").send(translate(locale, "errors.csrf"));
  });

  // Every body has a limit (256 KB for a plain form, a stated size for uploads): see body-limit.server.ts.
  app.use(limitRequestBodies);

  // Webhooks are machines' signed POSTs: no session, language or page. They go straight to their
  // route module's action, skipping Remix's request handler, which matches the path against every
  // route (twice) on each request: a fifth of a web process's CPU under `npm run bench:ledger`.
  app.post("/webhooks/:name", (req, res, next) => {
    const action = build.routes[`routes/webhooks.${req.params.name}`]?.module.action;
    if (!action) return next();
    // Stripe's events are a few KB; a body past 1 MB is not one of them and is not kept in memory.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= WEBHOOK_BODY_LIMIT) chunks.push(chunk);
    });
    req.on("error", next);
    req.on("end", () => {
      if (size > WEBHOOK_BODY_LIMIT) {
        res.status(413).type("text/plain; charset=utf-8").send("Payload Too Large");
        return;
      }
      void (async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
        const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { method: "POST", headers, body: Buffer.concat(chunks) });
        const context = { user: null, sessionId: null, locale: resolveLocale(req.get("cookie"), null), clientAddress: req.ip ?? "unknown" };
        let answer: unknown;
        try {
          answer = await action({ request, params: { name: req.params.name }, context });
        } catch (thrown) {
          answer = thrown; // a thrown Response is an answer too
        }
        if (!(answer instanceof Response)) throw answer;
        res.status(answer.status);
        answer.headers.forEach((value, name) => res.setHeader(name, value));
        res.end(Buffer.from(await answer.arrayBuffer()));
      })().catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.status(500).type("text/plain; charset=utf-8").send("Unexpected Server Error");
      });
    });
  });

  const handler = createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: async (req, res) => {
      const session = await resolveSession(req.get("cookie"));
      if (session.setCookie) res.append("Set-Cookie", session.setCookie);
      return {
        user: session.user,
        sessionId: session.sessionId,
        locale: resolveLocale(req.get("cookie"), session.user?.locale ?? null),
        clientAddress: req.ip ?? "unknown",
      };
    },
  });
  app.all("*", (req, res, next) => {
    handler(req, res, next).catch(next);
  });

  return new Promise((resolve) => {
    const server = app.listen(options.port, options.host ?? "0.0.0.0", () => resolve(server));
  });
}
