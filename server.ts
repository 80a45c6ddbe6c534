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
import { isCrossSiteForgery } from "~/utils/csrf.server";
import { resolveLocale } from "~/utils/i18n.server";
import { translate } from "~/locales";

const root = path.dirname(fileURLToPath(import.meta.url));

export async function startWebServer(options: { port: number; host?: string }): Promise<Server> {
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client's address is in X-Forwarded-For; believe it only from proxies on
  // private networks (or as TRUST_PROXY says), so nobody can dodge sign-in throttling by forging it.
  app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback, linklocal, uniquelocal");
  app.use(compression());
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
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
