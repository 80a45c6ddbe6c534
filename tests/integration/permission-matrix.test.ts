// Every protected route, tried as each kind of person, through the real server: who gets the page
// (200), who is sent to log in (302 → /login), who is refused (403) or told there is nothing (404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addResident, createCommunity, createDeliberation, createFund, createHousehold, createNeed, createOrg, createServiceNeed, createUser, proposalInput, TEST_PASSWORD } from "../factories";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { loadActor } from "~/utils/permissions.server";
import { newId } from "~/utils/ids";
import { db } from "@db/client";
import { milestones, projects } from "@db/schema";
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
  streetId: string;
  needId: string;
  deliberationId: string;
  fundId: string;
  serviceNeedId: string;
  proposalId: string;
  projectId: string;
  milestoneId: string;
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
  { name: "verify my phone or email", method: "GET", path: () => "/account/verify", expect: signedInOnly },
  { name: "notifications", method: "GET", path: () => "/notifications", expect: signedInOnly },
  { name: "admin home", method: "GET", path: () => "/admin", expect: adminOnly },
  { name: "audit log", method: "GET", path: () => "/admin/audit", expect: adminOnly },
  { name: "development outbox", method: "GET", path: () => "/dev/outbox", expect: adminOnly },
  // organisations
  { name: "organisations list", method: "GET", path: () => "/orgs", expect: { otherwise: "allow" } },
  { name: "a verified organisation's public page", method: "GET", path: (w) => `/orgs/${w.orgId}`, expect: { otherwise: "allow" } },
  { name: "a pending organisation's page", method: "GET", path: (w) => `/orgs/${w.pendingOrgId}`, expect: { orgAdmin: "allow", admin: "allow", otherwise: "missing" } },
  { name: "register an organisation", method: "GET", path: () => "/orgs/new", expect: signedInOnly },
  { name: "edit an organisation", method: "GET", path: (w) => `/orgs/${w.pendingOrgId}/edit`, expect: { anonymous: "login", orgAdmin: "allow", otherwise: "deny" } },
  { name: "an organisation's members", method: "GET", path: (w) => `/orgs/${w.orgId}/manage`, expect: { anonymous: "login", orgMember: "allow", orgAdmin: "allow", admin: "allow", otherwise: "deny" } },
  { name: "invite a member", method: "POST", path: (w) => `/orgs/${w.orgId}/manage`, form: () => ({ _intent: "invite", contact: "13700009999", role: "member" }), expect: { anonymous: "login", orgAdmin: "allow", otherwise: "deny" } },
  { name: "the verification queue", method: "GET", path: () => "/admin/orgs", expect: adminOnly },
  { name: "review an organisation", method: "GET", path: (w) => `/admin/orgs/${w.pendingOrgId}`, expect: adminOnly },
  { name: "reject an organisation", method: "POST", path: (w) => `/admin/orgs/${w.pendingOrgId}`, form: () => ({ _intent: "reject", reason: "材料不全" }), expect: adminOnly },
  // needs (民事民提, 三事分流)
  { name: "public needs", method: "GET", path: () => "/needs", expect: { otherwise: "allow" } },
  { name: "raise a need", method: "GET", path: () => "/needs/new", expect: signedInOnly },
  { name: "my needs", method: "GET", path: () => "/needs/mine", expect: signedInOnly },
  { name: "a need that is not public", method: "GET", path: (w) => `/needs/${w.needId}`, expect: { resident: "allow", communityStaff: "allow", otherwise: "missing" } },
  { name: "a community's needs inbox", method: "GET", path: (w) => `/community/${w.communityId}/needs`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "a need in the inbox", method: "GET", path: (w) => `/community/${w.communityId}/needs/${w.needId}`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "triage a need", method: "POST", path: (w) => `/community/${w.communityId}/needs/${w.needId}`, form: () => ({ _intent: "triage", triage: "small" }), expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "a street's escalated needs", method: "GET", path: (w) => `/street/${w.streetId}/needs`, expect: { anonymous: "login", otherwise: "deny" } },
  { name: "a community's public page", method: "GET", path: (w) => `/c/${w.communityId}`, expect: { otherwise: "allow" } },
  // dashboards: a community's figures for its staff, a street's for its office (the buyer here has no street)
  { name: "a community's dashboard", method: "GET", path: (w) => `/community/${w.communityId}/dashboard`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "a community's dashboard as CSV", method: "GET", path: (w) => `/community/${w.communityId}/dashboard.csv`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "a street's dashboard", method: "GET", path: (w) => `/street/${w.streetId}/dashboard`, expect: { anonymous: "login", otherwise: "deny" } },
  { name: "a street's dashboard as CSV", method: "GET", path: (w) => `/street/${w.streetId}/dashboard.csv`, expect: { anonymous: "login", otherwise: "deny" } },
  // deliberations (民议/民决): results are public, running them is the community staff's
  { name: "a deliberation's public result", method: "GET", path: (w) => `/deliberations/${w.deliberationId}`, expect: { otherwise: "allow" } },
  { name: "a community's deliberations", method: "GET", path: (w) => `/community/${w.communityId}/deliberations`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "open a deliberation", method: "GET", path: (w) => `/community/${w.communityId}/deliberations/new`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "run a deliberation", method: "GET", path: (w) => `/community/${w.communityId}/deliberations/${w.deliberationId}`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  // funds: everything about the money is public; running a fund is its managers' alone
  { name: "funds", method: "GET", path: () => "/funds", expect: { otherwise: "allow" } },
  { name: "a fund's page", method: "GET", path: (w) => `/funds/${w.fundId}`, expect: { otherwise: "allow" } },
  { name: "a fund's public ledger", method: "GET", path: (w) => `/funds/${w.fundId}/ledger`, expect: { otherwise: "allow" } },
  { name: "the ledger as CSV", method: "GET", path: (w) => `/funds/${w.fundId}/ledger.csv`, expect: { otherwise: "allow" } },
  { name: "the ledger as JSON", method: "GET", path: (w) => `/funds/${w.fundId}/ledger.json`, expect: { otherwise: "allow" } },
  { name: "verify the ledger", method: "GET", path: (w) => `/funds/${w.fundId}/verify`, expect: { otherwise: "allow" } },
  { name: "manage a fund", method: "GET", path: (w) => `/funds/${w.fundId}/manage`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "record offline income", method: "GET", path: (w) => `/funds/${w.fundId}/manage/income`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "disburse", method: "GET", path: (w) => `/funds/${w.fundId}/manage/disburse`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "record a refund", method: "GET", path: (w) => `/funds/${w.fundId}/manage/refund`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  // the marketplace: service needs are public, proposals are sealed (their organisation only, until the deadline)
  { name: "open service needs", method: "GET", path: () => "/market", expect: { otherwise: "allow" } },
  { name: "a service need's public page", method: "GET", path: (w) => `/market/${w.serviceNeedId}`, expect: { otherwise: "allow" } },
  { name: "recommended for my organisation", method: "GET", path: () => "/market/recommended", expect: { anonymous: "login", orgMember: "allow", orgAdmin: "allow", otherwise: "deny" } },
  { name: "a community's service needs", method: "GET", path: (w) => `/community/${w.communityId}/service-needs`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "post a service need", method: "GET", path: (w) => `/community/${w.communityId}/service-needs/new`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "manage a service need", method: "GET", path: (w) => `/community/${w.communityId}/service-needs/${w.serviceNeedId}`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
  { name: "the proposals of a service need", method: "GET", path: (w) => `/community/${w.communityId}/service-needs/${w.serviceNeedId}/proposals`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "missing" } },
  { name: "my proposals", method: "GET", path: () => "/proposals", expect: signedInOnly },
  { name: "a sealed proposal before the deadline", method: "GET", path: (w) => `/proposals/${w.proposalId}`, expect: { anonymous: "login", orgMember: "allow", orgAdmin: "allow", otherwise: "missing" } },
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
  // delivery: a project of the community delivered by the agency, its committee paying
  { name: "a project", method: "GET", path: (w) => `/projects/${w.projectId}`, expect: { otherwise: "allow" } },
  { name: "a milestone", method: "GET", path: (w) => `/projects/${w.projectId}/milestones/${w.milestoneId}`, expect: { otherwise: "allow" } },
  { name: "rate a milestone (page)", method: "GET", path: (w) => `/projects/${w.projectId}/milestones/${w.milestoneId}/rate`, expect: { otherwise: "allow" } },
  { name: "a milestone under another project", method: "GET", path: (w) => `/projects/${w.deliberationId}/milestones/${w.milestoneId}`, expect: { otherwise: "missing" } },
  { name: "save a milestone report draft", method: "POST", path: (w) => `/projects/${w.projectId}/milestones/${w.milestoneId}`, form: () => ({ _intent: "save", narrative: "本阶段完成了入户走访。", actual: "12", hours: "3" }), expect: { anonymous: "login", orgMember: "allow", orgAdmin: "allow", otherwise: "deny" } },
  { name: "an evidence file that is not there", method: "GET", path: (w) => `/projects/${w.projectId}/milestones/${w.milestoneId}/evidence/${w.needId}`, expect: { otherwise: "missing" } },
  { name: "start a project from a decision", method: "GET", path: (w) => `/community/${w.communityId}/projects/new`, expect: { anonymous: "login", communityStaff: "allow", otherwise: "deny" } },
];

let app: TestApp;
let world: World;
const clients = new Map<Persona, Browserish>();

beforeAll(async () => {
  app = await startTestApp();
  const { community, building, street } = await createCommunity("矩阵社区");
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
  const committee = await createOrg({ kind: "community_committee", placeId: community.id, members: [[people.communityStaff.id, "admin"]] });
  await createOrg({ kind: "government_unit", members: [[people.buyer.id, "admin"]] });
  const need = await createNeed({ communityId: community.id, raisedBy: people.resident.id, isPublic: false, title: "楼道灯不亮" });
  const deliberation = await createDeliberation({ communityId: community.id, createdBy: people.communityStaff.id, status: "passed", question: "楼道灯怎么修？" });
  world = {
    orgId: org.id,
    pendingOrgId: pending.id,
    communityId: community.id,
    buildingId: building.id,
    householdId: household.id,
    streetId: street.id,
    needId: need.id,
    deliberationId: deliberation.id,
    // The community's micro-fund, run by its staff member (the only fund role among the personas).
    fundId: (await createFund({ communityId: community.id, roles: [[people.communityStaff.id, "manager"]] })).id,
    ...(await aSealedProposal(community.id, committee.id, people.communityStaff.id, org.id, people.orgAdmin)),
    ...(await aProjectInDelivery(community.id, org.id, committee.id)),
  };
  clients.set("anonymous", client(app));
  for (const [persona, user] of Object.entries(people)) clients.set(persona as Persona, await signedIn(app, user.phone!, TEST_PASSWORD));
});

afterAll(async () => {
  await app.stop();
});

/** A published service need of the community, and the agency's submitted proposal, sealed until the deadline. */
async function aSealedProposal(communityId: string, committeeId: string, staffId: string, orgId: string, owner: { id: string; isPlatformAdmin: boolean }) {
  const need = await createServiceNeed({ communityId, postedByOrgId: committeeId, createdBy: staffId });
  const actor = await loadActor(owner);
  const draft = await saveDraft({ actor, serviceNeedId: need.id, orgId, input: proposalInput(need) });
  await submitProposal({ actor, proposalId: draft.id });
  return { serviceNeedId: need.id, proposalId: draft.id };
}

/** A project of the community delivered by the agency and paid by the committee, with one pending milestone. */
async function aProjectInDelivery(communityId: string, providerOrgId: string, funderOrgId: string) {
  const projectId = newId();
  const milestoneId = newId();
  await db().insert(projects).values({ id: projectId, title: "矩阵项目", communityId, providerOrgId, funderOrgId, sourceType: "test", sourceId: projectId, amountFen: 100_000n, scopePlaceId: communityId, status: "active" });
  await db().insert(milestones).values({ id: milestoneId, projectId, position: 1, title: "入户走访", dueDate: "2027-01-31", paymentShareBp: 10_000, amountFen: 100_000n, deliverables: [{ indicator: "走访", target: 20, unit: "户" }] });
  return { projectId, milestoneId };
}

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

// Whatever anyone types, a form answers with a message, never with a server fault.
const JUNK = ["", " ", "x".repeat(5000), "\u0000", "<script>alert(1)</script>", "-1", "NaN", "9".repeat(40), "../../etc/passwd", "🙂".repeat(50)];

describe("no input makes a form fail with a server error", () => {
  const posts = ROUTES.filter((r) => r.method === "POST");
  it.each(posts)("$name, as each persona, with junk in every field", async (route) => {
    for (const persona of PERSONAS) {
      const c = clients.get(persona)!;
      const fields = Object.keys(route.form?.(world) ?? {}).filter((k) => k !== "_intent");
      for (const junk of JUNK) {
        const form: Record<string, string> = { ...route.form?.(world) };
        for (const field of fields) form[field] = junk;
        const res = await c.post(route.path(world), form);
        expect(res.status, `${route.name} as ${persona} with ${JSON.stringify(junk.slice(0, 20))}`).toBeLessThan(500);
      }
      const empty = await c.post(route.path(world), {});
      expect(empty.status, `${route.name} as ${persona}, empty`).toBeLessThan(500);
    }
  });
});

describe("pages are clean UTF-8", () => {
  // React 18 pads some streamed chunks with NUL bytes when a Chinese character straddles a 2 KB
  // buffer (app/entry.server.tsx): no page may carry one.
  it.each(ROUTES.filter((r) => r.method === "GET"))("$name has no NUL byte, for any persona", async (route) => {
    for (const persona of PERSONAS) {
      const res = await clients.get(persona)!.get(route.path(world));
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.indexOf(0), `${route.path(world)} as ${persona}`).toBe(-1);
    }
  });
});

describe("no address makes a page fail with a server error", () => {
  const junkIds = ["not-a-uuid", "%00", "'%20or%201=1--", "9".repeat(300), "%E4%BD%A0%E5%A5%BD"];
  it.each(ROUTES.filter((r) => r.method === "GET"))("$name, with a junk id, as the admin", async (route) => {
    const c = clients.get("admin")!;
    for (const junk of junkIds) {
      const broken: World = { orgId: junk, pendingOrgId: junk, communityId: junk, buildingId: junk, householdId: junk, streetId: junk, needId: junk, deliberationId: junk, fundId: junk, serviceNeedId: junk, proposalId: junk, projectId: junk, milestoneId: junk };
      const res = await c.get(route.path(broken));
      expect(res.status, `${route.path(broken)}`).toBeLessThan(500);
    }
  });
});
