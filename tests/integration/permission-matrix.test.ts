// Every protected route, tried as each kind of person, through the real server: who gets the page
// (200), who is sent to log in (302 → /login), who is refused (403) or told there is nothing (404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addResident, createCommunity, createHousehold, createOrg, createUser, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

type Persona = "anonymous" | "resident" | "orgMember" | "orgAdmin" | "communityStaff" | "buyer" | "admin";
const PERSONAS: Persona[] = ["anonymous", "resident", "orgMember", "orgAdmin", "communityStaff", "buyer", "admin"];
type Outcome = "allow" | "login" | "deny" | "missing";

interface World {
  orgId: string;
  pendingOrgId: string;
  communityId: string;
  buildingId: string;
  householdId: string;
}

interface RouteCase {
  name: string;
  method: "GET" | "POST";
  path: (w: World) => string;
  form?: (w: World) => Record<string, string>;
  /** Outcome per persona; personas not named get `otherwise`. */
  expect: Partial<Record<Persona, Outcome>> & { otherwise: Outcome };
}

const signedInOnly = { anonymous: "login", otherwise: "allow" } as const;
const adminOnly = { anonymous: "login", admin: "allow", otherwise: "deny" } as const;

export const ROUTES: RouteCase[] = [
  { name: "account page", method: "GET", path: () => "/account", expect: signedInOnly },
  { name: "notifications", method: "GET", path: () => "/notifications", expect: signedInOnly },
  { name: "admin home", method: "GET", path: () => "/admin", expect: adminOnly },
  { name: "audit log", method: "GET", path: () => "/admin/audit", expect: adminOnly },
  { name: "development outbox", method: "GET", path: () => "/dev/outbox", expect: adminOnly },
  // places (admin only)
  { name: "places tree", method: "GET", path: () => "/admin/places", expect: adminOnly },
  { name: "a place's children", method: "GET", path: (w) => `/admin/places/${w.communityId}`, expect: adminOnly },
  { name: "edit a place", method: "GET", path: (w) => `/admin/places/${w.buildingId}/edit`, expect: adminOnly },
  { name: "add a place", method: "POST", path: (w) => `/admin/places/${w.communityId}`, form: () => ({ _intent: "add", name: "矩阵网格", level: "grid" }), expect: adminOnly },
  // households (that community's staff, and admins)
  { name: "my communities", method: "GET", path: () => "/community", expect: signedInOnly },
  { name: "my household", method: "GET", path: () => "/household", expect: signedInOnly },
  { name: "join a household", method: "GET", path: () => "/household/join", expect: signedInOnly },
  { name: "a community's households", method: "GET", path: (w) => `/community/${w.communityId}/households`, expect: { anonymous: "login", communityStaff: "allow", admin: "allow", otherwise: "deny" } },
  { name: "a household", method: "GET", path: (w) => `/community/${w.communityId}/households/${w.householdId}`, expect: { anonymous: "login", communityStaff: "allow", admin: "allow", otherwise: "deny" } },
  { name: "add a household", method: "POST", path: (w) => `/community/${w.communityId}/households`, form: (w) => ({ _intent: "add", buildingId: w.buildingId, label: "9单元909" }), expect: { anonymous: "login", communityStaff: "allow", admin: "allow", otherwise: "deny" } },
];

let app: TestApp;
let world: World;
const clients = new Map<Persona, Browserish>();

beforeAll(async () => {
  app = await startTestApp();
  const { community, building } = await createCommunity("矩阵社区");
  const household = await createHousehold(building.id, "1单元101");
  const people = {
    resident: await createUser({ name: "居民" }),
    orgMember: await createUser({ name: "组织成员" }),
    orgAdmin: await createUser({ name: "组织管理员" }),
    communityStaff: await createUser({ name: "社区工作者" }),
    buyer: await createUser({ name: "购买方" }),
    admin: await createUser({ name: "管理员", admin: true }),
  };
  await addResident(people.resident.id, household.id);
  const org = await createOrg({ kind: "social_work_agency", members: [[people.orgAdmin.id, "owner"], [people.orgMember.id, "member"]] });
  const pending = await createOrg({ kind: "social_org", status: "pending", members: [[people.orgAdmin.id, "owner"]] });
  await createOrg({ kind: "community_committee", placeId: community.id, members: [[people.communityStaff.id, "admin"]] });
  await createOrg({ kind: "government_unit", members: [[people.buyer.id, "admin"]] });
  world = { orgId: org.id, pendingOrgId: pending.id, communityId: community.id, buildingId: building.id, householdId: household.id };
  clients.set("anonymous", client(app));
  for (const [persona, user] of Object.entries(people)) clients.set(persona as Persona, await signedIn(app, user.phone!, TEST_PASSWORD));
});

afterAll(async () => {
  await app.stop();
});

function outcomeOf(res: Response): Outcome {
  if (res.status === 302 && (res.headers.get("location") ?? "").startsWith("/login")) return "login";
  if (res.status === 403 || res.status === 401) return "deny";
  if (res.status === 404) return "missing";
  if (res.status < 400) return "allow";
  // A 422 is a form that was understood and judged (the caller was allowed in); a 500 is never right.
  if (res.status === 422) return "allow";
  throw new Error(`unexpected status ${res.status}`);
}

describe.each(ROUTES)("$method $name", (route) => {
  it.each(PERSONAS)("as %s", async (persona) => {
    const c = clients.get(persona)!;
    const path = route.path(world);
    const res = route.method === "GET" ? await c.get(path) : await c.post(path, route.form?.(world) ?? {});
    expect(outcomeOf(res), `${route.method} ${path} as ${persona} → ${res.status}`).toBe(route.expect[persona] ?? route.expect.otherwise);
  });
});
