// Object-level access: every kind of record of one community (甲) and its organisation and fund,
// tried through the real server by signed-in people of another community (乙): its staff, a
// resident, the owner of its organisation, the manager of its fund. Each is refused the record's
// page (403 or 404, and never the record's private text in the answer) and every action on it
// (refused, with nothing written) — also when they put the record's id behind their own
// community's or fund's address, which is how such holes are usually found.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNeed, jpegBytes, temporaryStorage } from "../factories";
import { changedTables, snapshotTables } from "../factories/snapshot";
import { sessionOf, startTestApp, type Browserish, type TestApp } from "../factories/http";
import { buildWorld, SECRET, type World } from "../factories/world";

const storage = temporaryStorage("sanshe-object-access-");

type Insider = "resident" | "staff" | "orgOwner" | "fundManager" | "donor";
type Outsider = "otherStaff" | "otherResident" | "otherOrgOwner" | "otherFundManager";
const OUTSIDERS: Outsider[] = ["otherStaff", "otherResident", "otherOrgOwner", "otherFundManager"];

interface Page {
  path: (w: World, x: Extra) => string;
  /** Someone who may read it and sees the private text there (proof the page is worth guarding). */
  insider?: Insider;
  /** The private text, when it is not SECRET (a household's resident, a deliberation's question). */
  secret?: (w: World) => string;
  /** A file, not a page: the insider gets its bytes, outsiders a 404. */
  file?: true;
  /** A page anyone may open (a public page, one's own list): it answers 200 but must not carry the record's private text. */
  open?: true;
}
interface Action {
  label: string;
  path: (w: World, x: Extra) => string;
  form: (w: World, x: Extra) => Record<string, string>;
  /** Sent as multipart with this file field (an upload). */
  file?: string;
}
interface Kind {
  kind: string;
  pages: Page[];
  actions: Action[];
}

/** The outsiders' own records, whose addresses they may try to reuse. */
interface Extra {
  otherNeedId: string;
}

const A = (w: World) => w.home.community.id;
const B = (w: World) => w.other.community.id;

const KINDS: Kind[] = [
  {
    kind: "need",
    pages: [
      { path: (w) => `/needs/${w.need.id}`, insider: "resident" },
      { path: (w) => `/community/${A(w)}/needs/${w.need.id}`, insider: "staff" },
      { path: (w) => `/community/${B(w)}/needs/${w.need.id}` },
      { path: (w) => `/photos/${w.photo.id}`, insider: "resident", file: true },
    ],
    actions: [
      { label: "withdraw", path: (w) => `/needs/${w.need.id}`, form: () => ({ _intent: "withdraw" }) },
      { label: "triage", path: (w) => `/community/${A(w)}/needs/${w.need.id}`, form: () => ({ _intent: "triage", triage: "small" }) },
      { label: "triage under their own community", path: (w) => `/community/${B(w)}/needs/${w.need.id}`, form: () => ({ _intent: "triage", triage: "small" }) },
      { label: "merge into another need", path: (w) => `/community/${A(w)}/needs/${w.need.id}`, form: (w) => ({ _intent: "merge", targetId: w.mergeTarget.id }) },
      { label: "merge their own need into it", path: (w, x) => `/community/${B(w)}/needs/${x.otherNeedId}`, form: (w) => ({ _intent: "merge", targetId: w.need.id }) },
      { label: "file it for a resident", path: (w) => `/community/${A(w)}/needs/new`, form: (w) => ({ title: "代居民登记的诉求", description: "居民来电反映楼道灯坏了。", category: "public_facilities", resident: w.home.resident.phone! }) },
    ],
  },
  {
    kind: "deliberation",
    // The result page (/deliberations/<id>) is public: counts and turnout, never who voted how.
    pages: [
      { path: (w) => `/community/${A(w)}/deliberations/${w.openDeliberation.id}`, insider: "staff", secret: (w) => w.openDeliberation.question },
      { path: (w) => `/community/${B(w)}/deliberations/${w.openDeliberation.id}`, secret: (w) => w.openDeliberation.question },
      { path: (w) => `/community/${A(w)}/deliberations/new`, secret: (w) => w.need.title },
    ],
    actions: [
      { label: "open it", path: (w) => `/community/${A(w)}/deliberations/${w.draftDeliberation.id}`, form: () => ({ _intent: "open" }) },
      { label: "open it under their own community", path: (w) => `/community/${B(w)}/deliberations/${w.draftDeliberation.id}`, form: () => ({ _intent: "open" }) },
      { label: "record a paper vote", path: (w) => `/community/${A(w)}/deliberations/${w.openDeliberation.id}`, form: (w) => ({ _intent: "paper", householdId: w.home.household.id, optionId: w.openDeliberation.options[0].id }) },
      { label: "record a paper vote under their own community", path: (w) => `/community/${B(w)}/deliberations/${w.openDeliberation.id}`, form: (w) => ({ _intent: "paper", householdId: w.other.household.id, optionId: w.openDeliberation.options[0].id }) },
      {
        label: "start a deliberation on its need",
        path: (w) => `/community/${B(w)}/deliberations/new`,
        form: (w) => ({ needIds: w.need.id, question: "楼道灯由谁来修？", options: "每户分摊", scopePlaceId: w.home.community.id, opensAt: "2027-01-01T09:00", closesAt: "2027-01-08T09:00", quorumPercent: "50", threshold: "simple_majority" }),
      },
    ],
  },
  {
    kind: "vote",
    pages: [],
    actions: [
      { label: "vote", path: (w) => `/deliberations/${w.openDeliberation.id}`, form: (w) => ({ _intent: "vote", optionId: w.openDeliberation.options[0].id }) },
      { label: "comment", path: (w) => `/deliberations/${w.openDeliberation.id}`, form: () => ({ _intent: "comment", body: "我不住这个小区，但我要投票。" }) },
    ],
  },
  {
    kind: "proposal",
    pages: [
      { path: (w) => `/proposals/${w.proposal.id}`, insider: "orgOwner" },
      { path: (w) => `/community/${A(w)}/service-needs/${w.decidedNeed.id}/proposals`, insider: "staff" },
      { path: (w) => `/community/${B(w)}/service-needs/${w.decidedNeed.id}/proposals` },
      { path: (w) => `/community/${A(w)}/service-needs/${w.serviceNeed.id}` },
      { path: (w) => `/proposals/results/${w.serviceNeed.id}` },
    ],
    actions: [
      { label: "save it", path: (w) => `/proposals/${w.proposal.id}`, form: () => ({ _intent: "save", approach: "改写别人的方案。" }) },
      { label: "submit it", path: (w) => `/proposals/${w.proposal.id}`, form: () => ({ _intent: "submit", approach: "替别人提交。" }) },
      { label: "withdraw it", path: (w) => `/proposals/${w.proposal.id}`, form: () => ({ _intent: "withdraw" }) },
      { label: "remove an attachment", path: (w) => `/proposals/${w.proposal.id}`, form: (w) => ({ _intent: "removeAttachment", attachmentId: w.need.id }) },
      { label: "attach a file", path: (w) => `/proposals/${w.proposal.id}`, form: () => ({}), file: "attachment" },
      { label: "write one for its organisation", path: (w) => `/proposals/new?serviceNeedId=${w.serviceNeed.id}`, form: (w) => ({ _intent: "save", orgId: w.home.org.id, approach: "冒名投标。" }) },
      { label: "shortlist it", path: (w) => `/community/${A(w)}/service-needs/${w.decidedNeed.id}/proposals`, form: (w) => ({ _intent: "shortlist", proposalId: w.proposal.id }) },
      { label: "select one under their own community", path: (w) => `/community/${B(w)}/service-needs/${w.decidedNeed.id}/proposals`, form: (w) => ({ _intent: "select", proposalId: w.proposal.id, reasons: "方案最好" }) },
      { label: "record the council's approval", path: (w) => `/community/${A(w)}/service-needs/${w.decidedNeed.id}/proposals`, form: () => ({ _intent: "council", approvedOn: "2026-11-30", minuteRef: "纪要第1号" }) },
      // The service need it answers: only its community's staff run it.
      ...[A, B].flatMap((community) =>
        (
          [
            ["withdraw", { reason: "不想让别人中标。" }],
            ["extend", { proposalDeadline: "2027-12-31T09:00" }],
            ["answer", { clarificationId: "x", answer: "冒名回答。" }],
            ["save", { title: "被改掉的需求", description: "这是一段被外人改写的需求描述。" }],
          ] as const
        ).map(([intent, fields]) => ({
          label: `${intent} the service need${community === B ? " under their own community" : ""}`,
          path: (w: World) => `/community/${community(w)}/service-needs/${w.serviceNeed.id}`,
          form: () => ({ _intent: intent, ...fields }),
        })),
      ),
    ],
  },
  {
    kind: "agreement",
    pages: [{ path: (w) => `/agreements/${w.agreementId}`, insider: "staff", secret: (w) => w.bidder.org.name }],
    actions: [{ label: "accept it", path: (w) => `/agreements/${w.agreementId}`, form: () => ({ _intent: "accept" }) }],
  },
  {
    kind: "project",
    // The project page itself is public (what was bought, from whom, for how much): only its actions are guarded.
    pages: [{ path: (w) => `/community/${A(w)}/projects/new`, secret: (w) => w.passedDeliberation.question }],
    actions: [
      { label: "set its rating bar", path: (w) => `/projects/${w.project.id}`, form: () => ({ ratingBar: "none" }) },
      {
        label: "start a project on its vote and fund",
        path: (w) => `/community/${B(w)}/projects/new`,
        form: (w) => ({ deliberationId: w.passedDeliberation.id, fundId: w.home.fundId, providerOrgId: w.other.org.id, title: "挪用别人的基金", amount: "1,000", budgetLabel: "材料费", milestoneTitle: "完成", dueDate: "2027-03-31", indicator: "完成", target: "1", unit: "次" }),
      },
    ],
  },
  {
    kind: "milestone report",
    // The milestone page is public (submitted reports, ratings without names); a draft is the organisation's own.
    pages: [{ path: (w) => `/projects/${w.project.id}/milestones/${w.openMilestone.id}`, insider: "orgOwner", open: true }],
    actions: [
      { label: "save a draft", path: (w) => `/projects/${w.project.id}/milestones/${w.openMilestone.id}`, form: () => ({ _intent: "save", narrative: "冒名填写的报告。", hours: "1" }) },
      { label: "submit", path: (w) => `/projects/${w.project.id}/milestones/${w.openMilestone.id}`, form: () => ({ _intent: "submit" }) },
      { label: "upload evidence", path: (w) => `/projects/${w.project.id}/milestones/${w.openMilestone.id}`, form: () => ({}), file: "attachment" },
      { label: "remove evidence", path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}`, form: (w) => ({ _intent: "removeEvidence", evidenceId: w.evidence.id }) },
      ...(["accept", "cosign", "release", "requestChanges"] as const).map((intent) => ({
        label: intent,
        path: (w: World) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}`,
        form: () => ({ _intent: intent, general: "看起来不错。" }),
      })),
      { label: "hide a rating", path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}`, form: (w) => ({ _intent: "hide", householdId: w.home.household.id, reason: "不喜欢这条评价" }) },
      { label: "record a bank payment", path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}`, form: (w) => ({ _intent: "bankPaid", paymentId: w.need.id, bankReference: "BANK-0001" }) },
      { label: "rate it", path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}/rate`, form: () => ({ score: "1", comment: "我不住这里。" }) },
    ],
  },
  {
    kind: "evidence file",
    pages: [{ path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}/evidence/${w.evidence.id}`, insider: "orgOwner", file: true }],
    actions: [],
  },
  {
    kind: "fund management page",
    pages: [
      { path: (w) => `/funds/${w.home.fundId}/manage`, insider: "fundManager" },
      { path: (w) => `/funds/${w.home.fundId}/manage/income` },
      { path: (w) => `/funds/${w.home.fundId}/manage/disburse` },
      { path: (w) => `/funds/${w.home.fundId}/manage/refund` },
      { path: (w) => `/funds/${w.home.fundId}/manage/campaigns` },
    ],
    actions: [
      { label: "approve its income", path: (w) => `/funds/${w.home.fundId}/manage`, form: (w) => ({ incomeId: w.pendingIncome.id, decision: "approve" }) },
      { label: "approve its income from their own fund's page", path: (w) => `/funds/${w.other.fundId}/manage`, form: (w) => ({ incomeId: w.pendingIncome.id, decision: "approve" }) },
      ...[(w: World) => w.home.fundId, (w: World) => w.other.fundId].flatMap((fund, i) => [
        { label: `approve its disbursement${i ? " from their own fund's page" : ""}`, path: (w: World) => `/funds/${fund(w)}/manage`, form: (w: World) => ({ disbursementId: w.pendingDisbursement.id, decision: "approve" }) },
        { label: `reject its refund${i ? " from their own fund's page" : ""}`, path: (w: World) => `/funds/${fund(w)}/manage`, form: (w: World) => ({ refundId: w.pendingRefund.id, decision: "reject", reason: "不同意" }) },
      ]),
      { label: "record income", path: (w) => `/funds/${w.home.fundId}/manage/income`, form: () => ({ source: "other", payerName: "某人", amount: "10", receivedOn: "2026-11-01", description: "冒名记账" }), file: "evidence" },
      {
        label: "disburse",
        path: (w) => `/funds/${w.home.fundId}/manage/disburse`,
        form: (w) => ({ payeeType: "org", payeeOrgId: w.other.org.id, purpose: "转给自己的机构", amount: "100", authority: "board_approval", boardResolution: "无" }),
        file: "evidence",
      },
      { label: "disburse on its vote from their own fund", path: (w) => `/funds/${w.other.fundId}/manage/disburse`, form: (w) => ({ payeeType: "org", payeeOrgId: w.other.org.id, purpose: "借用别人的表决", amount: "100", authority: "deliberation", deliberationId: w.passedDeliberation.id }), file: "evidence" },
      { label: "refund its income", path: (w) => `/funds/${w.home.fundId}/manage/refund`, form: (w) => ({ target: `offline_income:${w.approvedIncome.id}`, amount: "10", reason: "退给我" }) },
      { label: "refund its income from their own fund's page", path: (w) => `/funds/${w.other.fundId}/manage/refund`, form: (w) => ({ target: `offline_income:${w.approvedIncome.id}`, amount: "10", reason: "退给我" }) },
      { label: "start a campaign", path: (w) => `/funds/${w.home.fundId}/manage/campaigns`, form: () => ({ title: "冒名募捐", purpose: "冒名募捐", goal: "1,000", deadline: "2027-06-30" }) },
    ],
  },
  {
    kind: "donation",
    // Everyone has a donations page of their own: it must not list another person's gift.
    pages: [{ path: () => `/account/donations`, insider: "donor", open: true, secret: (w) => w.donation.subscriptionId! }],
    actions: [
      { label: "cancel its monthly gift", path: () => `/account/donations`, form: (w) => ({ subscriptionId: w.donation.subscriptionId! }) },
      { label: "refund it", path: (w) => `/funds/${w.home.fundId}/manage/refund`, form: (w) => ({ target: `donation:${w.donation.id}`, amount: "10", reason: "退给我" }) },
      { label: "refund it from their own fund's page", path: (w) => `/funds/${w.other.fundId}/manage/refund`, form: (w) => ({ target: `donation:${w.donation.id}`, amount: "10", reason: "退给我" }) },
    ],
  },
  {
    kind: "receipt",
    pages: [{ path: (w) => `/receipts/${w.donation.id}`, insider: "donor" }],
    actions: [],
  },
  {
    kind: "organisation",
    // Its public page is public; its members, invitations and certificates are its own.
    pages: [
      { path: (w) => `/orgs/${w.home.org.id}/manage`, insider: "orgOwner", secret: (w) => w.home.orgMember.displayName },
      { path: (w) => `/orgs/${w.home.org.id}/edit` },
    ],
    actions: [
      { label: "invite a member", path: (w) => `/orgs/${w.home.org.id}/manage`, form: () => ({ _intent: "invite", contact: "13798765432", role: "admin" }) },
      { label: "revoke an invitation", path: (w) => `/orgs/${w.home.org.id}/manage`, form: (w) => ({ _intent: "revoke", invitationId: w.invitation.id }) },
      { label: "change a member's role", path: (w) => `/orgs/${w.home.org.id}/manage`, form: (w) => ({ _intent: "changeRole", userId: w.home.orgMember.id, role: "owner" }) },
      { label: "remove a member", path: (w) => `/orgs/${w.home.org.id}/manage`, form: (w) => ({ _intent: "remove", userId: w.home.orgMember.id }) },
      { label: "record a certificate", path: (w) => `/orgs/${w.home.org.id}/manage`, form: () => ({ _intent: "recordCertificate", level: "senior", number: "SW-OUTSIDER-01" }) },
      { label: "verify a certificate", path: (w) => `/orgs/${w.home.org.id}/manage`, form: (w) => ({ _intent: "verifyCertificate", certificateId: w.certificate.id }) },
      { label: "verify its certificate from their own organisation's page", path: (w) => `/orgs/${w.other.org.id}/manage`, form: (w) => ({ _intent: "verifyCertificate", certificateId: w.certificate.id }) },
      { label: "reject a certificate", path: (w) => `/orgs/${w.home.org.id}/manage`, form: (w) => ({ _intent: "rejectCertificate", certificateId: w.certificate.id }) },
      { label: "accept its invitation", path: (w) => `/invitations/${w.invitation.id}`, form: () => ({}) },
      {
        label: "edit it",
        path: (w) => `/orgs/${w.home.org.id}/edit`,
        form: (w) => ({ name: "被改名的机构", kind: "social_org", registration: "filed", filingNumber: "X1", filedWithId: w.other.street.id, placeId: w.other.community.id, contactPhone: "13700000000" }),
      },
    ],
  },
  {
    kind: "household",
    pages: [
      { path: (w) => `/community/${A(w)}/households/${w.home.household.id}`, insider: "staff", secret: (w) => w.home.resident.displayName },
      { path: (w) => `/community/${B(w)}/households/${w.home.household.id}`, secret: (w) => w.home.resident.displayName },
      { path: (w) => `/community/${A(w)}/households`, secret: (w) => w.home.household.joinCode },
    ],
    actions: [
      ...(["confirm", "remove"] as const).flatMap((intent) => [
        { label: intent, path: (w: World) => `/community/${A(w)}/households/${w.home.household.id}`, form: (w: World) => ({ _intent: intent, userId: w.home.resident.id }) },
        { label: `${intent} under their own community`, path: (w: World) => `/community/${B(w)}/households/${w.home.household.id}`, form: (w: World) => ({ _intent: intent, userId: w.home.resident.id }) },
      ]),
      ...[A, B].flatMap((community) => [
        { label: "regenerate its join code", path: (w: World) => `/community/${community(w)}/households/${w.home.household.id}`, form: () => ({ _intent: "regenerate" }) },
        { label: "link a resident to it", path: (w: World) => `/community/${community(w)}/households/${w.home.household.id}`, form: (w: World) => ({ _intent: "link", contact: w.other.resident.phone! }) },
      ]),
      { label: "add a household to its building", path: (w) => `/community/${B(w)}/households`, form: (w) => ({ buildingId: w.home.building.id, label: "99单元999" }) },
    ],
  },
];

let app: TestApp;
let world: World;
let extra: Extra;
const clients = new Map<Insider | Outsider, Browserish>();

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld();
  const otherNeed = await createNeed({ communityId: world.other.community.id, raisedBy: world.other.resident.id, title: "乙社区的诉求" });
  extra = { otherNeedId: otherNeed.id };
  const people: Record<Insider | Outsider, string> = {
    resident: world.home.resident.id,
    staff: world.home.staff.id,
    orgOwner: world.home.orgOwner.id,
    fundManager: world.home.fundManager.id,
    donor: world.people.donor.id,
    otherStaff: world.other.staff.id,
    otherResident: world.other.resident.id,
    otherOrgOwner: world.other.orgOwner.id,
    otherFundManager: world.other.fundManager.id,
  };
  for (const [persona, userId] of Object.entries(people)) clients.set(persona as Insider | Outsider, await sessionOf(app, userId));
}, 120_000);

afterAll(async () => {
  await app?.stop();
  storage.remove();
});

async function post(c: Browserish, path: string, form: Record<string, string>, file?: string): Promise<Response> {
  if (!file) return c.post(path, form);
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.append(k, v);
  body.append(file, new File([Buffer.from(jpegBytes())], "现场照片.jpg", { type: "image/jpeg" }));
  return fetch(app.baseUrl + path, { method: "POST", body, redirect: "manual", headers: { cookie: c.cookie, origin: app.baseUrl } });
}

describe("a signed-in person of another community or organisation", () => {
  it.each(KINDS.filter((k) => k.pages.length))("is refused every page of a $kind, and never reads its private text", async ({ pages }) => {
    const problems: string[] = [];
    for (const page of pages) {
      const path = page.path(world, extra);
      const secret = page.secret?.(world) ?? SECRET;
      if (page.insider) {
        const res = await clients.get(page.insider)!.get(path);
        const body = await res.text();
        if (page.file) {
          if (res.status !== 200 || !(res.headers.get("content-type") ?? "").startsWith("image/")) problems.push(`${path}: the ${page.insider} who may see it got ${res.status} (the check below would prove nothing)`);
        } else if (res.status !== 200 || !body.includes(secret)) problems.push(`${path}: the ${page.insider} who may read it got ${res.status}${body.includes(secret) ? "" : ` without ${JSON.stringify(secret)}`} (the check below would prove nothing)`);
      }
      for (const outsider of OUTSIDERS) {
        const res = await clients.get(outsider)!.get(path);
        const body = await res.text();
        if (page.open ? res.status >= 500 : res.status !== 403 && res.status !== 404) problems.push(`${path} as ${outsider}: ${res.status}, not ${page.open ? "an answer" : "403 or 404"}`);
        if (page.file && (res.headers.get("content-type") ?? "").startsWith("image/")) problems.push(`${path} as ${outsider}: the answer is the file`);
        if (body.includes(secret)) problems.push(`${path} as ${outsider}: the answer carries the record's private text ${JSON.stringify(secret)}`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it.each(KINDS.filter((k) => k.actions.length))("is refused every action on a $kind, and nothing is written", async ({ actions }) => {
    const problems: string[] = [];
    for (const action of actions) {
      const path = action.path(world, extra);
      for (const outsider of OUTSIDERS) {
        const before = await snapshotTables();
        const res = await post(clients.get(outsider)!, path, action.form(world, extra), action.file);
        const body = await res.text();
        const after = await snapshotTables();
        const what = `${action.label} (POST ${path}) as ${outsider}`;
        if (res.status < 400 || res.status >= 500) problems.push(`${what}: ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}, not refused`);
        if (body.includes(SECRET)) problems.push(`${what}: the answer carries the record's private text`);
        // The installation's webhook secret is made by whichever request first needs it: no one's write.
        const written = changedTables(before, after, ["installation_secrets"]);
        if (written.length) problems.push(`${what}: wrote ${written.join(", ")}`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
