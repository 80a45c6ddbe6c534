// Every route that answers a GET, asked with query strings no one means: dates in year 0 and 9999,
// negative, fractional and absurd numbers, 6,000 characters (the longest a URL may be under the
// server's header limit), control characters, emoji, `__proto__` and `constructor` as names and as
// values, repeated names, array names, broken percent-encoding. Each is asked as a visitor and as
// someone who reads the page, of the page and of its data (`.data`, Remix's single fetch). The
// answer is a page or a refusal, never a server fault; Object.prototype of the server (this very
// process) is untouched; and the database holds no row more or changed.
//
// The routes come from the Remix build, so a new route with a loader joins by itself: it fails here
// until its URL's params have ids below and READERS names who reads it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { newId } from "~/utils/ids";
import { createStreetStaff, temporaryStorage } from "../factories";
import { prototypeDamage } from "../factories/prototypes";
import { changedTables, snapshotTables } from "../factories/snapshot";
import { client, sessionOf, startTestApp, type Browserish, type TestApp } from "../factories/http";
import { buildWorld, type World } from "../factories/world";

const storage = temporaryStorage("sanshe-hostile-queries-");
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href).catch((error: unknown) => {
  throw new Error(`the Remix build is missing (run \`npx remix build\` first): ${String(error)}`);
})) as ServerBuild;

interface LoaderRoute {
  id: string;
  /** "/funds/:fundId/ledger" */
  pattern: string;
  /** A page has a `.data` twin; a resource route (CSV, a photo) answers only its own address. */
  page: boolean;
}
const fullPattern = (id: string): string => {
  const route = build.routes[id];
  const own = route.path ?? "";
  const parent = route.parentId && route.parentId !== "root" ? fullPattern(route.parentId) : "";
  return [parent, own].filter(Boolean).join("/");
};
/** Every route with a loader, as the running app knows them (the root's loader runs under every page). */
const LOADER_ROUTES: LoaderRoute[] = Object.values(build.routes)
  .filter((r) => r.id !== "root" && typeof r.module.loader === "function")
  .map((r) => ({ id: r.id, pattern: `/${fullPattern(r.id)}`, page: typeof r.module.default === "function" }))
  .sort((a, b) => a.id.localeCompare(b.id));

// ---- who reads each route, and the ids its URL needs -------------------------------------------------

type Reader = "resident" | "staff" | "streetStaff" | "orgOwner" | "fundManager" | "admin" | "donor" | "invitee";
const userOf = (w: World, streetStaffId: string): Record<Reader, string> => ({
  resident: w.home.resident.id,
  streetStaff: streetStaffId,
  staff: w.home.staff.id,
  orgOwner: w.home.orgOwner.id,
  fundManager: w.home.fundManager.id,
  admin: w.admin.id,
  donor: w.people.donor.id,
  invitee: w.people.invitee.id,
});

/** The signed-in person each route is for (the visitor is asked too, always). */
const READERS: Record<string, Reader> = {
  "routes/_index": "resident",
  "routes/account": "resident",
  "routes/account_.donations": "donor",
  "routes/account_.verify": "resident",
  "routes/admin._index": "admin",
  "routes/admin.audit": "admin",
  "routes/admin.orgs.$orgId": "admin",
  "routes/admin.orgs._index": "admin",
  "routes/admin.places.$placeId.edit": "admin",
  "routes/admin.places.($placeId)": "admin",
  "routes/agreements.$agreementId": "staff",
  "routes/c.$communityId": "resident",
  "routes/campaigns.$campaignId": "resident",
  "routes/community.$communityId.dashboard": "staff",
  "routes/community.$communityId.dashboard[.]csv": "staff",
  "routes/community.$communityId.deliberations.$deliberationId": "staff",
  "routes/community.$communityId.deliberations._index": "staff",
  "routes/community.$communityId.deliberations.new": "staff",
  "routes/community.$communityId.households.$householdId": "staff",
  "routes/community.$communityId.households._index": "staff",
  "routes/community.$communityId.needs.$needId": "staff",
  "routes/community.$communityId.needs._index": "staff",
  "routes/community.$communityId.needs.new": "staff",
  "routes/community.$communityId.projects.new": "staff",
  "routes/community.$communityId.service-needs.$serviceNeedId": "staff",
  "routes/community.$communityId.service-needs._index": "staff",
  "routes/community.$communityId.service-needs.new": "staff",
  "routes/community.$communityId.service-needs_.$serviceNeedId.proposals": "staff",
  "routes/community._index": "staff",
  "routes/deliberations.$deliberationId": "resident",
  "routes/dev.outbox": "admin",
  "routes/donate.$fundId": "donor",
  "routes/funds.$fundId._index": "resident",
  "routes/funds.$fundId.ledger": "resident",
  "routes/funds.$fundId.ledger[.]csv": "resident",
  "routes/funds.$fundId.ledger[.]json": "resident",
  "routes/funds.$fundId.manage._index": "fundManager",
  "routes/funds.$fundId.manage.campaigns": "fundManager",
  "routes/funds.$fundId.manage.disburse": "fundManager",
  "routes/funds.$fundId.manage.evidence.$kind.$entryId": "fundManager",
  "routes/funds.$fundId.manage.income": "fundManager",
  "routes/funds.$fundId.manage.refund": "fundManager",
  "routes/funds.$fundId.verify": "resident",
  "routes/funds._index": "resident",
  "routes/healthz": "resident",
  "routes/household._index": "resident",
  "routes/household.join": "resident",
  "routes/invitations.$invitationId": "invitee",
  "routes/lang": "resident",
  "routes/login": "resident",
  "routes/logout": "resident",
  "routes/market.$serviceNeedId": "orgOwner",
  "routes/market._index": "orgOwner",
  "routes/market.recommended": "orgOwner",
  "routes/needs.$needId": "resident",
  "routes/needs._index": "resident",
  "routes/needs.mine": "resident",
  "routes/needs.new": "resident",
  "routes/notifications": "resident",
  "routes/orgs.$orgId._index": "resident",
  "routes/orgs.$orgId.edit": "orgOwner",
  "routes/orgs.$orgId.manage": "orgOwner",
  "routes/orgs._index": "resident",
  "routes/orgs.new": "resident",
  "routes/pay.local.$sessionId": "donor",
  "routes/photos.$photoId": "resident",
  "routes/projects.$projectId": "orgOwner",
  "routes/projects.$projectId_.milestones.$milestoneId": "orgOwner",
  "routes/projects.$projectId_.milestones.$milestoneId_.evidence.$evidenceId": "orgOwner",
  "routes/projects.$projectId_.milestones.$milestoneId_.rate": "resident",
  "routes/proposals.$proposalId": "orgOwner",
  "routes/proposals.$proposalId.attachments.$attachmentId": "orgOwner",
  "routes/proposals._index": "orgOwner",
  "routes/proposals.new": "orgOwner",
  "routes/proposals.results.$serviceNeedId": "orgOwner",
  "routes/receipts.$donationId": "donor",
  "routes/signup": "resident",
  "routes/street.$streetId.dashboard": "streetStaff",
  "routes/street.$streetId.dashboard[.]csv": "streetStaff",
  "routes/street.$streetId.needs": "streetStaff",
  "routes/webhooks.noop": "resident",
  "routes/webhooks.stripe": "resident",
};

/** A real record for each URL param name. */
const PARAMS: Record<string, (w: World) => string> = {
  agreementId: (w) => w.agreementId,
  campaignId: (w) => w.campaign.id,
  communityId: (w) => w.home.community.id,
  deliberationId: (w) => w.openDeliberation.id,
  donationId: (w) => w.donation.id,
  entryId: (w) => w.approvedIncome.id,
  evidenceId: (w) => w.evidence.id,
  fundId: (w) => w.home.fundId,
  householdId: (w) => w.home.household.id,
  invitationId: (w) => w.invitation.id,
  kind: () => "offline_income",
  milestoneId: (w) => w.reportedMilestone.id,
  needId: (w) => w.need.id,
  orgId: (w) => w.home.org.id,
  photoId: (w) => w.photo.id,
  placeId: (w) => w.home.community.id,
  projectId: (w) => w.project.id,
  proposalId: (w) => w.proposal.id,
  serviceNeedId: (w) => w.serviceNeed.id,
  sessionId: (w) => w.pendingDonation.checkoutSessionId ?? "",
  streetId: (w) => w.home.street.id,
};
/** Where one route means a different record by the same name. The world has no proposal attachment: an unknown one is asked for. */
const PARAMS_OF_ROUTE: Record<string, Record<string, (w: World) => string>> = {
  "routes/admin.orgs.$orgId": { orgId: (w) => w.pendingOrg.id },
  "routes/proposals.$proposalId.attachments.$attachmentId": { attachmentId: () => newId() },
  "routes/proposals.results.$serviceNeedId": { serviceNeedId: (w) => w.decidedNeed.id },
};

/** The route's address with real ids, or the names of the params no id is known for. */
function addressOf(route: LoaderRoute, w: World): { path: string } | { missing: string[] } {
  const missing: string[] = [];
  const filled = route.pattern.replace(/:(\w+)(\?)?/g, (_, name: string) => {
    const fill = PARAMS_OF_ROUTE[route.id]?.[name] ?? PARAMS[name];
    if (!fill) missing.push(name);
    return fill ? encodeURIComponent(fill(w)) : "";
  });
  return missing.length ? { missing } : { path: filled.replace(/\/+$/, "") || "/" };
}

// ---- the names a loader reads ----------------------------------------------------------------------

/** Names every loader is asked with, whether or not it reads them. */
const GENERIC_NAMES = ["q", "page", "from", "to", "kind", "category", "sort", "redirectTo"];
const sourceOf = (routeId: string): string => {
  const file = routeId.replace(/^routes\//, "");
  for (const ext of [".tsx", ".ts"]) {
    try {
      return readFileSync(path.resolve("app/routes", file + ext), "utf8");
    } catch {
      // the other extension
    }
  }
  return "";
};
/** Query names read in the route's own file: `searchParams.get("x")`, and the keys of a zod filter it parses the whole query with. */
function namesReadBy(routeId: string): string[] {
  const source = sourceOf(routeId);
  const names = [...source.matchAll(/searchParams\.(?:get|getAll|has)\("([^"]+)"\)/g)].map((m) => m[1]);
  if (/fromEntries\(/.test(source) || /parse\w*Filter\(/.test(source)) {
    for (const [, imported, schemaModule] of source.matchAll(/import \{([^}]+)\} from "~\/domains\/(\w+)\/schemas"/g)) {
      names.push(...(FILTER_KEYS[schemaModule] ?? []).filter(([exportName]) => imported.includes(exportName) || /parse\w*Filter/.test(imported)).flatMap(([, keys]) => keys));
    }
    names.push(...[...source.matchAll(/^\s+(\w+): z\./gm)].map((m) => m[1]));
  }
  return [...new Set(names)];
}
/** Per schemas module, each exported zod object whose name says it reads a query (…Filter…, …Search…), with its keys. */
const FILTER_KEYS: Record<string, [string, string[]][]> = {};

// ---- the hostile query strings -----------------------------------------------------------------------

// 6,000 characters a name, two names a URL, keeps the URL under the server's header limit (16 KB).
// Chinese is 9 bytes a character once percent-encoded, and a visitor sent to sign in carries the
// address again in redirectTo (15 bytes a character): 600 of them keep that answer's Location
// header under the client's 16 KB too.
const LONG = "x".repeat(6_000);
const LONG_CHINESE = "长".repeat(600);
const CONTROL = "\u0000\u0001\u0007\b\u000b\u001b[31m\u007f\u0085\u200b\u202e回车\r\n";
const EMOJI = "👨‍👩‍👧‍👦🏳️‍🌈🙂<script>alert(1)</script>";

const pairs = (names: string[]) => names.filter((_, i) => i % 2 === 0).map((n, i) => names.slice(2 * i, 2 * i + 2));
const each = (names: string[], value: string) => names.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(value)}`).join("&");
/** Query strings for a route reading `names`; each label says what it tries. */
function hostileQueries(names: string[], longNames: string[]): [string, string][] {
  const valued = (label: string, value: string): [string, string] => [label, each(names, value)];
  return [
    valued("year 0", "0000-01-01"),
    valued("year 9999", "9999-12-31"),
    valued("a day that is not", "2026-02-30"),
    valued("a datetime in year 0", "0000-01-01T00:00"),
    valued("-1", "-1"),
    valued("1.5", "1.5"),
    valued("99999999999", "99999999999"),
    valued("1e308", "1e308"),
    valued("NaN", "NaN"),
    valued("control characters", CONTROL),
    valued("emoji and markup", EMOJI),
    valued("__proto__", "__proto__"),
    valued("constructor", "constructor"),
    ["names __proto__, constructor, prototype and paths through them", "__proto__=1&constructor=1&prototype=1&__proto__[q]=1&constructor[prototype][q]=1&constructor.prototype.q=1&a.__proto__.q=1"],
    ["each name repeated", names.map((n) => `${encodeURIComponent(n)}=1&${encodeURIComponent(n)}=2`).join("&")],
    ["each name as an array", names.map((n) => `${encodeURIComponent(n)}[]=1&${encodeURIComponent(n)}[0]=x&${encodeURIComponent(n)}[]=2`).join("&")],
    ["broken percent-encoding", names.map((n) => `${encodeURIComponent(n)}=%E4%B8`).join("&") + "&%E4%B8=1&%=%&%ZZ=%ZZ"],
    ["empty values", names.map((n) => `${encodeURIComponent(n)}=`).join("&")],
    // One long name at a time: a URL longer than the header limit is the server's to refuse (431), not the loader's.
    ["600 Chinese characters in q", `q=${encodeURIComponent(LONG_CHINESE)}`],
    // Two names a URL: 12,000 characters, under the header limit with the cookie.
    ...pairs(longNames).map((pair): [string, string] => [`6,000 characters in ${pair.join(" and ")}`, pair.map((n) => `${encodeURIComponent(n)}=${LONG}`).join("&")]),
  ];
}

// ---- what is checked -----------------------------------------------------------------------------------

/** Made once, by whichever request first needs it (the installation's webhook secret): no query's doing. */
const LAZY = ["installation_secrets"];

let app: TestApp;
let world: World;
const visitor = () => client(app);
const readers = new Map<Reader, Browserish>();

beforeAll(async () => {
  for (const file of ["dashboards", "funds", "marketplace", "needs", "orgs", "places", "proposals"]) {
    const schemas = (await import(`../../app/domains/${file}/schemas.ts`).catch(() => ({}))) as Record<string, unknown>;
    FILTER_KEYS[file] = Object.entries(schemas)
      .filter(([name, value]) => /Filter|Search/.test(name) && typeof value === "object" && value !== null && "shape" in value)
      .map(([name, value]) => [name, Object.keys((value as { shape: object }).shape)]);
  }
  app = await startTestApp();
  world = await buildWorld();
  const streetStaff = await createStreetStaff(world.home.street.id);
  for (const [reader, userId] of Object.entries(userOf(world, streetStaff.id))) readers.set(reader as Reader, await sessionOf(app, userId));
}, 120_000);

afterAll(async () => {
  await app?.stop();
  storage.remove();
});

const BATCH = 8;
async function inBatches<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += BATCH) out.push(...(await Promise.all(jobs.slice(i, i + BATCH).map((job) => job()))));
  return out;
}

describe("every route with a loader, asked with hostile query strings", () => {
  it("the build has the routes this test expects to walk, and every reader named is a route that still has a loader", () => {
    const ids = LOADER_ROUTES.map((r) => r.id);
    expect(ids).toContain("routes/funds.$fundId.ledger");
    expect(ids).toContain("routes/needs._index");
    expect(ids.length).toBeGreaterThan(60);
    expect(Object.keys(READERS).filter((id) => !ids.includes(id))).toEqual([]);
    // The names found in the route files reach the loaders that read them.
    expect(namesReadBy("routes/funds.$fundId.ledger")).toEqual(expect.arrayContaining(["kind", "from", "to", "page"]));
    expect(namesReadBy("routes/community.$communityId.dashboard")).toEqual(expect.arrayContaining(["from", "to", "communityId"]));
  });

  it.each(LOADER_ROUTES.map((r) => [r.id, r] as const))("%s answers every hostile query below 500, leaves Object.prototype alone and writes nothing", async (routeId, route) => {
    const reader = READERS[routeId];
    expect(reader, `${routeId} has a loader but no reader: add who reads it to READERS in tests/integration/hostile-queries.test.ts`).toBeDefined();
    const address = addressOf(route, world);
    expect("missing" in address ? address.missing : [], `${routeId}: add a real id for each of these params to PARAMS in tests/integration/hostile-queries.test.ts`).toEqual([]);
    const base = (address as { path: string }).path;

    const read = namesReadBy(routeId);
    const names = [...new Set([...GENERIC_NAMES, ...read])];
    // Long values go to the names the route reads, and to the two every page might: two at a time, for the URL's length.
    const longNames = [...new Set(["q", "redirectTo", ...read])];
    const targets = route.page ? [base, `${base === "/" ? "/_root" : base}.data`] : [base];
    const askers: [string, Browserish][] = [
      ["a visitor", visitor()],
      [`the ${reader}`, readers.get(reader)!],
    ];
    const before = await snapshotTables();
    const jobs = hostileQueries(names, longNames).flatMap(([label, query]) =>
      targets.flatMap((target) =>
        askers.map(([who, asker]) => async () => {
          const url = `${target}?${query}`;
          try {
            const res = await asker.get(url);
            await res.arrayBuffer();
            return res.status >= 500 ? `${who}, ${label}: GET ${target}?… answered ${res.status}` : null;
          } catch (error) {
            return `${who}, ${label}: GET ${target}?… no answer (${String((error as { cause?: unknown }).cause ?? error)})`;
          }
        }),
      ),
    );
    const problems = (await inBatches(jobs)).filter((p): p is string => !!p);
    problems.push(...prototypeDamage(["q", "a", "polluted"]));
    const written = changedTables(before, await snapshotTables(), LAZY);
    if (written.length) problems.push(`wrote ${written.join(", ")}`);
    expect(problems, `${routeId} (${base}):\n${problems.join("\n")}`).toEqual([]);
  }, 60_000);
});
