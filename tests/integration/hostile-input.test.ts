// Every route that takes a form, attacked through the real server: field names that reach for
// Object.prototype, paths 50 deep, 10,000 fields, values 100,000 characters long, control characters,
// emoji, markup, amounts and dates no one means, files that lie about what they are. Each is tried
// as a signed-in person who may use the form and as one who may not. The answer is always a clear
// refusal or an ordinary result, never a server fault; Object.prototype of the server (this very
// process) is untouched; and the database holds no row the form is not for.
//
// The routes come from the Remix build, so a new route with an action joins by itself: it fails
// here until it has a fixture below (who may use it, a valid submission, the tables it writes).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { serviceNeedForm, TEST_PASSWORD, temporaryStorage, validCreditCode } from "../factories";
import { prototypeDamage } from "../factories/prototypes";
import { changedTables, snapshotTables, type Snapshot } from "../factories/snapshot";
import { client, sessionOf, startTestApp, type Browserish, type TestApp } from "../factories/http";
import { buildWorld, type World } from "../factories/world";

const storage = temporaryStorage("sanshe-hostile-");
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href).catch((error: unknown) => {
  throw new Error(`the Remix build is missing (run \`npx remix build\` first): ${String(error)}`);
})) as ServerBuild;
/** Route ids ("routes/login") of every route module with an action, as the running app knows them. */
const ACTION_ROUTES = Object.values(build.routes)
  .filter((r) => typeof r.module.action === "function")
  .map((r) => r.id)
  .sort();

type Form = Record<string, string | string[]>;
type Persona =
  | "anonymous"
  | "fresh" // a new visitor for every request (sign-in and sign-up must not leave a session behind)
  | "freshResident" // a new session of the home resident for every request (for logging out)
  | "resident"
  | "staff"
  | "orgOwner"
  | "fundManager"
  | "supervisor"
  | "admin"
  | "leaver"
  | "passwordChanger"
  | "invitee"
  | "donor"
  | "otherResident"
  | "otherStaff"
  | "otherOrgOwner"
  | "otherFundManager";

interface Fixture {
  path: (w: World) => string;
  /** Someone who may use the form. */
  allowed: Persona;
  /** Someone who may not; null when anyone may (signing in, giving money, switching language). */
  denied: Persona | null;
  /** A submission the allowed person could make; hostile payloads are built from it. */
  form: (w: World) => Form;
  /** The form's other intents (each its own address when `path` is given), tried with fewer payloads. */
  intents?: { form: (w: World) => Form; path?: (w: World) => string }[];
  /** Tables an accepted submission may change the row count of. */
  writes: string[];
  /** Tables even a refusal may add to (sign-in throttles). Kept short on purpose. */
  refusalWrites?: string[];
  /** The form's file field: a file that lies about its type must be refused. */
  fileField?: string;
  /** A file whose contents are judged rather than stored (the ledger check): any clear answer will do. */
  fileJudged?: true;
  /** How this form says no, when not with a 4xx (the language switch goes back without switching). */
  refusedBy?: (res: Response) => boolean;
  /** The action does not read the body (one-button steps): a hostile body may still do the step. */
  ignoresBody?: true;
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const dateTime = (offsetDays: number) => `${day(offsetDays)}T09:00`;
const orgForm = (w: World): Form => ({
  name: "甲社区社工服务中心",
  kind: "social_work_agency",
  registration: "registered",
  creditCode: validCreditCode(),
  placeId: w.home.community.id,
  serviceAreaIds: [w.home.community.id],
  description: "为社区老人提供助餐和探访服务。",
  contactPhone: "023-62345678",
});
const proposalForm = (w: World): Form => ({
  approach: "依托社区长者食堂，中午集中助餐。",
  total: "100,000",
  "budget.0.category": "personnel",
  "budget.0.description": "社工劳务",
  "budget.0.amount": "100,000",
  "team.0.name": "项目主管",
  "team.0.role": "项目负责人",
  "milestones.0.title": "启动与需求评估",
  "milestones.0.dueDate": "2027-03-31",
  "milestones.0.share": "100",
  "milestones.0.deliverables.0.indicator": "建立老人档案",
  "milestones.0.deliverables.0.target": "120",
  "milestones.0.deliverables.0.unit": "份",
  ...Object.fromEntries(w.serviceNeed.questions.map((q) => [`answers.${q.id}`, "按规范操作并定期检查。"])),
});

const AUDIT = "audit_log";
/** Made once, by whichever request first needs it (the installation's webhook secret): no form's doing. */
const LAZY = ["installation_secrets"];
const JOBS = "graphile_worker._private_jobs";
const NOTICES = [AUDIT, "notifications", "message_outbox", JOBS];
const LEDGER = ["journal_entries", "journal_lines", "ledger_accounts"];

export const FIXTURES: Record<string, Fixture> = {
  "routes/account": {
    path: () => "/account",
    allowed: "passwordChanger",
    denied: "anonymous",
    form: () => ({ currentPassword: TEST_PASSWORD, newPassword: "correct-horse-43", newPasswordConfirm: "correct-horse-43" }),
    writes: ["users", "sessions", "login_throttles", "rate_counters", ...NOTICES],
    refusalWrites: ["login_throttles", "rate_counters"],
  },
  "routes/account_.verify": {
    path: () => "/account/verify",
    allowed: "resident",
    denied: "anonymous",
    form: () => ({ channel: "sms", code: "123456" }),
    writes: ["users", "one_time_codes", "rate_counters", ...NOTICES],
    // A wrong code counts against the code's tries.
    refusalWrites: ["rate_counters", "one_time_codes"],
  },
  "routes/account_.donations": {
    path: () => "/account/donations",
    allowed: "donor",
    denied: "otherResident",
    form: (w) => ({ subscriptionId: w.donation.subscriptionId! }),
    writes: ["donations", "payment_events", ...NOTICES],
  },
  "routes/admin.orgs.$orgId": {
    path: (w) => `/admin/orgs/${w.pendingOrg.id}`,
    allowed: "admin",
    denied: "staff",
    form: () => ({ _intent: "reject", reason: "登记证书照片不清晰，请重新上传。" }),
    writes: ["organisations", ...NOTICES],
  },
  "routes/admin.places.$placeId.edit": {
    path: (w) => `/admin/places/${w.home.building.id}/edit`,
    allowed: "admin",
    denied: "staff",
    form: () => ({ _intent: "rename", name: "甲社区1栋（东）" }),
    intents: [{ form: (w) => ({ _intent: "move", parentId: w.home.grid.id }) }],
    writes: ["places", AUDIT],
  },
  "routes/admin.places.($placeId)": {
    path: (w) => `/admin/places/${w.home.community.id}`,
    allowed: "admin",
    denied: "staff",
    form: () => ({ _intent: "add", level: "grid", name: "第二网格" }),
    writes: ["places", AUDIT],
  },
  "routes/agreements.$agreementId": {
    path: (w) => `/agreements/${w.agreementId}`,
    allowed: "staff",
    denied: "otherStaff",
    form: () => ({ _intent: "accept" }),
    writes: ["service_agreements", "projects", "milestones", ...NOTICES],
    ignoresBody: true,
  },
  "routes/community.$communityId.deliberations.$deliberationId": {
    path: (w) => `/community/${w.home.community.id}/deliberations/${w.openDeliberation.id}`,
    allowed: "staff",
    denied: "otherStaff",
    form: (w) => ({ _intent: "paper", householdId: w.home.household.id, optionId: w.openDeliberation.options[0].id }),
    intents: [{ path: (w) => `/community/${w.home.community.id}/deliberations/${w.draftDeliberation.id}`, form: () => ({ _intent: "open" }) }],
    writes: ["deliberations", "votes", ...NOTICES],
  },
  "routes/community.$communityId.deliberations.new": {
    path: (w) => `/community/${w.home.community.id}/deliberations/new`,
    allowed: "staff",
    denied: "otherStaff",
    form: (w) => ({
      needIds: [w.need.id],
      question: "楼道灯由谁来修？",
      options: ["每户分摊", "申请社区微基金", "不处理"],
      scopePlaceId: w.home.community.id,
      opensAt: dateTime(1),
      closesAt: dateTime(8),
      quorumPercent: "50",
      threshold: "simple_majority",
    }),
    writes: ["deliberations", "deliberation_options", "deliberation_needs", "need_events", ...NOTICES],
  },
  "routes/community.$communityId.households.$householdId": {
    path: (w) => `/community/${w.home.community.id}/households/${w.home.household.id}`,
    allowed: "staff",
    denied: "otherStaff",
    form: (w) => ({ _intent: "confirm", userId: w.people.pendingMember.id }),
    intents: [{ form: (w) => ({ _intent: "link", contact: w.people.invitee.phone! }) }, { form: () => ({ _intent: "regenerate" }) }, { form: (w) => ({ _intent: "remove", userId: w.people.pendingMember.id }) }],
    writes: ["households", "household_members", "household_link_requests", ...NOTICES],
  },
  "routes/community.$communityId.households._index": {
    path: (w) => `/community/${w.home.community.id}/households`,
    allowed: "staff",
    denied: "otherStaff",
    form: (w) => ({ buildingId: w.home.building.id, label: "9单元909" }),
    writes: ["households", AUDIT],
  },
  "routes/community.$communityId.needs.$needId": {
    path: (w) => `/community/${w.home.community.id}/needs/${w.need.id}`,
    allowed: "staff",
    denied: "otherStaff",
    form: () => ({ _intent: "triage", triage: "big", note: "涉及多个小区，需上报街道。" }),
    intents: [{ path: (w) => `/community/${w.home.community.id}/needs/${w.mergeTarget.id}`, form: (w) => ({ _intent: "merge", targetId: w.need.id }) }],
    writes: ["needs", "need_events", "need_followers", ...NOTICES],
  },
  "routes/community.$communityId.needs.new": {
    path: (w) => `/community/${w.home.community.id}/needs/new`,
    allowed: "staff",
    denied: "otherStaff",
    form: (w) => ({ title: "单元门禁坏了", description: "1单元门禁坏了三天，老人进出不便。", category: "public_facilities", resident: w.home.resident.phone! }),
    fileField: "photos",
    writes: ["needs", "need_photos", "need_followers", "need_events", ...NOTICES],
  },
  "routes/community.$communityId.projects.new": {
    path: (w) => `/community/${w.home.community.id}/projects/new`,
    allowed: "staff",
    denied: "otherStaff",
    form: (w) => ({
      deliberationId: w.passedDeliberation.id,
      fundId: w.home.fundId,
      providerOrgId: w.home.org.id,
      title: "楼道灯维修",
      amount: "1,000",
      budgetLabel: "材料费",
      milestoneTitle: "维修完成",
      dueDate: day(30),
      indicator: "修复路灯",
      target: "10",
      unit: "盏",
      evidenceRequired: "维修后照片",
    }),
    writes: ["projects", "milestones", "need_events", ...NOTICES],
  },
  "routes/community.$communityId.service-needs.$serviceNeedId": {
    path: (w) => `/community/${w.home.community.id}/service-needs/${w.serviceNeed.id}`,
    allowed: "staff",
    denied: "otherStaff",
    form: () => ({ _intent: "extend", proposalDeadline: dateTime(20) }),
    intents: [
      { form: () => ({ _intent: "save", ...serviceNeedForm() }) },
      { form: (w) => ({ _intent: "answer", clarificationId: w.need.id, answer: "周末也送餐。" }) },
      { path: (w) => `/community/${w.home.community.id}/service-needs/${w.decidedNeed.id}`, form: () => ({ _intent: "withdraw", reason: "预算调整，暂停购买。" }) },
    ],
    writes: ["service_needs", "service_need_clarifications", "service_need_questions", ...NOTICES],
  },
  "routes/community.$communityId.service-needs.new": {
    path: (w) => `/community/${w.home.community.id}/service-needs/new`,
    allowed: "staff",
    denied: "otherStaff",
    form: () => ({ _intent: "save", ...serviceNeedForm() }),
    writes: ["service_needs", "service_need_questions", ...NOTICES],
  },
  "routes/community.$communityId.service-needs_.$serviceNeedId.proposals": {
    path: (w) => `/community/${w.home.community.id}/service-needs/${w.decidedNeed.id}/proposals`,
    allowed: "staff",
    denied: "otherStaff",
    form: () => ({ _intent: "council", approvedOn: "2026-11-30", minuteRef: "居民代表会议纪要第3号" }),
    intents: [{ form: (w) => ({ _intent: "shortlist", proposalId: w.proposal.id }) }, { form: (w) => ({ _intent: "select", proposalId: w.proposal.id, reasons: "方案最完整" }) }],
    writes: ["service_needs", "proposals", "service_agreements", ...NOTICES],
  },
  "routes/deliberations.$deliberationId": {
    path: (w) => `/deliberations/${w.openDeliberation.id}`,
    allowed: "resident",
    denied: "otherResident",
    form: (w) => ({ _intent: "vote", optionId: w.openDeliberation.options[1].id }),
    intents: [{ form: () => ({ _intent: "comment", body: "同意每户分摊。" }) }],
    writes: ["votes", "deliberation_comments", ...NOTICES],
  },
  "routes/donate.$fundId": {
    path: (w) => `/donate/${w.home.fundId}`,
    allowed: "fresh",
    denied: null,
    form: () => ({ preset: "50", name: "何先生", email: "he@example.com", message: "祝社区越来越好", method: "card" }),
    writes: ["donations", "payment_events", ...NOTICES],
  },
  "routes/funds.$fundId.manage._index": {
    path: (w) => `/funds/${w.home.fundId}/manage`,
    allowed: "supervisor",
    denied: "otherFundManager",
    form: (w) => ({ incomeId: w.pendingIncome.id, decision: "reject", reason: "金额与收据不符。" }),
    intents: [{ form: (w) => ({ disbursementId: w.pendingDisbursement.id, decision: "reject", reason: "缺少发票。" }) }, { form: (w) => ({ refundId: w.pendingRefund.id, decision: "approve" }) }],
    writes: ["offline_incomes", "disbursements", "refund_requests", ...LEDGER, ...NOTICES],
  },
  "routes/funds.$fundId.manage.campaigns": {
    path: (w) => `/funds/${w.home.fundId}/manage/campaigns`,
    allowed: "fundManager",
    denied: "otherFundManager",
    form: () => ({ title: "为独居老人送热饭", purpose: "社区长者食堂每日为独居老人送餐。", goal: "5,000", deadline: day(60), publish: "on" }),
    writes: ["campaigns", ...NOTICES],
  },
  "routes/funds.$fundId.manage.disburse": {
    path: (w) => `/funds/${w.home.fundId}/manage/disburse`,
    allowed: "fundManager",
    denied: "otherFundManager",
    form: (w) => ({ payeeType: "org", payeeOrgId: w.home.org.id, purpose: "楼道灯材料费", amount: "100", authority: "board_approval", boardResolution: "理事会决议2026第12号" }),
    fileField: "evidence",
    writes: ["disbursements", "refund_requests", ...LEDGER, ...NOTICES],
  },
  "routes/funds.$fundId.manage.income": {
    path: (w) => `/funds/${w.home.fundId}/manage/income`,
    allowed: "fundManager",
    denied: "otherFundManager",
    form: () => ({ source: "recycling", payerName: "废品回收站", amount: "120.50", receivedOn: day(-1), description: "十一月废品回收收入" }),
    fileField: "evidence",
    writes: ["offline_incomes", ...NOTICES],
  },
  "routes/funds.$fundId.manage.refund": {
    path: (w) => `/funds/${w.home.fundId}/manage/refund`,
    allowed: "fundManager",
    denied: "otherFundManager",
    form: (w) => ({ target: `offline_income:${w.approvedIncome.id}`, amount: "10", reason: "多收的停车费退还车主。" }),
    writes: ["refund_requests", ...LEDGER, ...NOTICES],
  },
  "routes/funds.$fundId.verify": {
    path: (w) => `/funds/${w.home.fundId}/verify`,
    allowed: "fresh",
    denied: null,
    form: () => ({}),
    fileField: "file",
    fileJudged: true,
    writes: [],
    refusalWrites: ["rate_counters"],
  },
  "routes/household._index": {
    path: () => "/household",
    allowed: "leaver",
    denied: "anonymous",
    form: () => ({ _intent: "leave" }),
    writes: ["household_members", ...NOTICES],
    ignoresBody: true,
  },
  "routes/household.join": {
    path: () => "/household/join",
    allowed: "invitee",
    denied: "anonymous",
    form: (w) => ({ code: w.home.household.joinCode }),
    writes: ["household_members", ...NOTICES],
    // Wrong codes are counted, so nobody can guess their way into a household.
    refusalWrites: ["rate_counters", "login_throttles"],
  },
  "routes/invitations.$invitationId": {
    path: (w) => `/invitations/${w.invitation.id}`,
    allowed: "invitee",
    denied: "otherResident",
    form: () => ({ _intent: "accept" }),
    writes: ["invitations", "memberships", ...NOTICES],
    ignoresBody: true,
  },
  "routes/lang": {
    path: () => "/lang",
    allowed: "fresh",
    denied: null,
    form: () => ({ locale: "zh-CN", redirectTo: "/" }),
    refusedBy: (res) => res.status === 302 && !res.headers.get("set-cookie"),
    writes: ["users"],
  },
  "routes/login": {
    path: () => "/login",
    allowed: "fresh",
    denied: null,
    form: (w) => ({ contact: w.home.resident.phone!, password: TEST_PASSWORD }),
    writes: ["users", "sessions", "login_throttles", "rate_counters", AUDIT],
    refusalWrites: ["login_throttles", "rate_counters"],
  },
  "routes/logout": {
    path: () => "/logout",
    allowed: "freshResident",
    denied: null,
    form: () => ({}),
    writes: ["sessions"],
    ignoresBody: true,
  },
  "routes/market.$serviceNeedId": {
    path: (w) => `/market/${w.serviceNeed.id}`,
    allowed: "orgOwner",
    denied: "otherResident",
    form: (w) => ({ question: "周末是否也需要送餐？", orgId: w.home.org.id }),
    writes: ["service_need_clarifications", ...NOTICES],
  },
  "routes/market._index": {
    path: () => "/market",
    allowed: "orgOwner",
    denied: "resident",
    form: (w) => ({ name: "助老服务", orgId: w.home.org.id }),
    intents: [{ form: (w) => ({ _intent: "delete", savedSearchId: w.need.id }) }],
    writes: ["saved_searches", AUDIT],
  },
  "routes/needs.$needId": {
    path: (w) => `/needs/${w.withdrawable.id}`,
    allowed: "resident",
    denied: "otherResident",
    form: () => ({ _intent: "withdraw" }),
    writes: ["needs", "need_events", ...NOTICES],
    ignoresBody: true,
  },
  "routes/needs.new": {
    path: () => "/needs/new",
    allowed: "resident",
    denied: "anonymous",
    form: () => ({ title: "小区路灯不亮", description: "二栋门口的路灯坏了一周了，晚上很黑。", category: "public_facilities", isPublic: "on" }),
    fileField: "photos",
    writes: ["needs", "need_photos", "need_followers", "need_events", ...NOTICES],
    refusalWrites: ["rate_counters"],
  },
  "routes/notifications": {
    path: () => "/notifications",
    allowed: "resident",
    // Marking another person's notification read changes nothing (the update is by reader), so the one who may not is a visitor.
    denied: "anonymous",
    form: (w) => ({ id: w.notification.id }),
    writes: ["notifications"],
  },
  "routes/orgs.$orgId.edit": {
    path: (w) => `/orgs/${w.home.org.id}/edit`,
    allowed: "orgOwner",
    denied: "otherOrgOwner",
    form: orgForm,
    writes: ["organisations", "org_service_areas", ...NOTICES],
  },
  "routes/orgs.$orgId.manage": {
    path: (w) => `/orgs/${w.home.org.id}/manage`,
    allowed: "orgOwner",
    denied: "otherOrgOwner",
    form: () => ({ _intent: "invite", contact: "13712345678", role: "member" }),
    intents: [
      { form: () => ({ _intent: "recordCertificate", level: "intermediate", number: "SW2026ABCDEF" }) },
      { form: (w) => ({ _intent: "verifyCertificate", certificateId: w.certificate.id }) },
      { form: (w) => ({ _intent: "changeRole", userId: w.home.orgMember.id, role: "admin" }) },
      { form: (w) => ({ _intent: "revoke", invitationId: w.invitation.id }) },
    ],
    writes: ["memberships", "invitations", "social_worker_certificates", "one_time_codes", "rate_counters", ...NOTICES],
    refusalWrites: ["rate_counters"],
  },
  "routes/orgs.new": {
    path: () => "/orgs/new",
    allowed: "resident",
    denied: "anonymous",
    form: orgForm,
    writes: ["organisations", "memberships", "org_service_areas", ...NOTICES],
  },
  "routes/pay.local.$sessionId": {
    path: (w) => `/pay/local/${w.pendingDonation.checkoutSessionId}`,
    allowed: "fresh",
    denied: null,
    form: () => ({ method: "card", outcome: "fail" }),
    writes: ["donations", "payment_events", ...LEDGER, ...NOTICES],
  },
  "routes/projects.$projectId": {
    path: (w) => `/projects/${w.project.id}`,
    allowed: "staff",
    denied: "otherStaff",
    form: () => ({ ratingBar: "3.5", ratingHouseholds: "3" }),
    writes: ["projects", ...NOTICES],
  },
  "routes/projects.$projectId_.milestones.$milestoneId": {
    path: (w) => `/projects/${w.project.id}/milestones/${w.openMilestone.id}`,
    allowed: "orgOwner",
    denied: "otherOrgOwner",
    form: () => ({ _intent: "save", narrative: "本阶段完成了入户走访。", actual: "12", hours: "3", spent: "100", group: "独居老人", groupCount: "12" }),
    intents: [
      { form: (w) => ({ _intent: "removeEvidence", evidenceId: w.evidence.id }) },
      { form: () => ({ _intent: "submit" }) },
      { path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}`, form: () => ({ _intent: "requestChanges", general: "请补充签到表。" }) },
      { path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}`, form: (w) => ({ _intent: "bankPaid", paymentId: w.need.id, bankReference: "BANK-2026-001" }) },
    ],
    fileField: "attachment",
    writes: ["milestones", "milestone_reviews", "milestone_payments", "projects", "milestone_reports", "milestone_evidence", ...NOTICES],
  },
  "routes/projects.$projectId_.milestones.$milestoneId_.rate": {
    path: (w) => `/projects/${w.project.id}/milestones/${w.reportedMilestone.id}/rate`,
    allowed: "resident",
    denied: "otherResident",
    form: () => ({ score: "4", comment: "服务很周到。" }),
    writes: ["milestone_ratings", ...NOTICES],
  },
  "routes/proposals.$proposalId": {
    path: (w) => `/proposals/${w.proposal.id}`,
    allowed: "orgOwner",
    denied: "otherOrgOwner",
    form: (w) => ({ _intent: "save", ...proposalForm(w) }),
    intents: [{ form: (w) => ({ _intent: "removeAttachment", attachmentId: w.need.id }) }],
    fileField: "attachment",
    writes: ["proposals", "proposal_budget_lines", "proposal_team_members", "proposal_milestones", "proposal_answers", "proposal_attachments", ...NOTICES],
  },
  "routes/proposals.new": {
    path: (w) => `/proposals/new?serviceNeedId=${w.serviceNeed.id}`,
    // The home organisation already has its proposal here (this page would send it there): the other one writes a new one.
    allowed: "otherOrgOwner",
    denied: "resident",
    form: (w) => ({ _intent: "save", orgId: w.other.org.id, ...proposalForm(w) }),
    writes: ["proposals", "proposal_budget_lines", "proposal_team_members", "proposal_milestones", "proposal_answers", ...NOTICES],
  },
  "routes/signup": {
    path: () => "/signup",
    allowed: "fresh",
    denied: null,
    form: () => ({ contact: "13887654321", displayName: "新居民", password: "correct-horse-44", passwordConfirm: "correct-horse-44" }),
    writes: ["users", "sessions", "one_time_codes", "rate_counters", "login_throttles", ...NOTICES],
    refusalWrites: ["rate_counters"],
  },
  "routes/webhooks.noop": {
    path: () => "/webhooks/noop",
    allowed: "fresh",
    denied: null,
    form: () => ({ type: "ping" }),
    writes: [],
    ignoresBody: true,
  },
  "routes/webhooks.stripe": {
    path: () => "/webhooks/stripe",
    allowed: "fresh",
    denied: null,
    form: () => ({ type: "invoice.paid" }),
    writes: [],
  },
};

// ---- the hostile payloads ---------------------------------------------------------------------

interface LyingFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}
interface Payload {
  label: string;
  form: Form;
  file?: LyingFile;
  /** A name no form has: whoever may use the form must be refused, not only kept from harm. */
  refuse?: true;
}

/** Names that reach through a path for a prototype, and the bare names, each sent together in one request (and each alone to the proposal form, below). */
const REACHING_NAMES = ["a.__proto__.b", "constructor.prototype.q", "__proto__.q", "x[__proto__]", "x[constructor][prototype][q]", "budget.__proto__.x", "milestones.0.__proto__.q", "answers.__proto__.q"];
const BARE_NAMES = ["__proto__", "constructor", "prototype"];
const DEEP_NAMES = [Array.from({ length: 50 }, () => "d").join("."), `e${"[e]".repeat(49)}`];
const LONG_CHINESE = "长".repeat(100_000);
const LONG = "x".repeat(100_000);
const CONTROL = "\u0000\u0001\u0007\b\u000b\u001b[31m\u007f\u0085\u200b\u202e\ud800回车\r\n";
const EMOJI_AND_MARKUP = `👨‍👩‍👧‍👦🏳️‍🌈🙂<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"'--></textarea>`;
const AMOUNTS = ["-1", "0", "0.005", "99999999999"];
const DATES = [
  ["0000", "year 0"],
  ["9999", "year 9999"],
] as const;

const isProse = (v: string) => /[^\x00-\x7f]/.test(v);
const isAmount = (v: string) => /^[\d,]+(\.\d+)?$/.test(v);
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}/.test(v);
const fieldsOf = (form: Form) => Object.keys(form).filter((k) => !k.startsWith("_"));

/** The form with every field `pick` chooses replaced by `change` of its value. */
function replaced(form: Form, pick: (value: string) => boolean, change: (value: string) => string): Form | null {
  let any = false;
  const out: Form = {};
  for (const [key, value] of Object.entries(form)) {
    const values = [value].flat();
    if (!key.startsWith("_") && values.some(pick)) {
      any = true;
      out[key] = Array.isArray(value) ? values.map((v) => (pick(v) ? change(v) : v)) : change(value);
    } else out[key] = value;
  }
  return any ? out : null;
}
const everyField = (form: Form, value: string): Form => ({ ...form, ...Object.fromEntries(fieldsOf(form).map((k) => [k, value])), ...(fieldsOf(form).length ? {} : { text: value }) });
const withNames = (form: Form, names: string[]): Form => ({ ...form, ...Object.fromEntries(names.map((n) => [n, "polluted"])) });

function namePayloads(form: Form): Payload[] {
  return [
    { label: `fields named ${REACHING_NAMES.join(" ")}`, form: withNames(form, REACHING_NAMES), refuse: true },
    { label: `fields named ${BARE_NAMES.join(" ")}`, form: withNames(form, BARE_NAMES), refuse: true },
    { label: "paths 50 levels deep", form: withNames(form, DEEP_NAMES), refuse: true },
  ];
}

function valuePayloads(form: Form): Payload[] {
  const prose = (label: string, value: string) => {
    const changed = replaced(form, isProse, () => value);
    return changed && { label: `${label} in every text field`, form: changed };
  };
  const amounts = AMOUNTS.map((a) => ({ label: `amount ${a}`, form: replaced(form, isAmount, () => a) ?? everyField(form, a) }));
  const dates = DATES.map(([year, label]) => {
    const changed = replaced(form, isDate, (v) => year + v.slice(4));
    return changed && { label: `dates in ${label}`, form: changed };
  });
  // Text fields get the junk while every other field stays valid, so it reaches as deep as it can;
  // a form without text fields gets it in every field.
  return [
    prose("100,000 characters", LONG_CHINESE) ?? { label: "100,000 characters in every field", form: everyField(form, LONG) },
    prose("control characters", CONTROL) ?? { label: "control characters in every field", form: everyField(form, CONTROL) },
    prose("emoji, HTML and script tags", EMOJI_AND_MARKUP) ?? { label: "emoji, HTML and script tags in every field", form: everyField(form, EMOJI_AND_MARKUP) },
    ...amounts,
    ...dates,
  ].filter((p): p is Payload => !!p);
}

const HTML_AS_JPEG: LyingFile = { name: "现场照片.jpg", type: "image/jpeg", bytes: new TextEncoder().encode("<html><body><script>alert(1)</script></body></html>") };
const EXE_AS_PDF: LyingFile = { name: "发票.pdf", type: "application/pdf", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, ...new TextEncoder().encode("This program cannot be run in DOS mode.")]) };
const filePayloads = (form: Form): Payload[] => [
  { label: "a .jpg that is HTML", form, file: HTML_AS_JPEG },
  { label: "an executable named .pdf", form, file: EXE_AS_PDF },
];

// ---- what is checked after each request -----------------------------------------------------------

const CJK = /[\u4e00-\u9fff]/;
const stripTags = (html: string) => html.replace(/<[^>]*>/g, " ");
/** The message a person would read on a refused answer: an alert beside the form, or the error page's heading. */
function shownMessage(contentType: string, body: string): string | null {
  if (contentType.includes("text/html")) {
    const alerts = [...body.matchAll(/role="alert"[^>]*>([\s\S]*?)<\/(?:p|span|div)>/g)].map((m) => stripTags(m[1]).trim()).filter(Boolean);
    const errorPage = /<h1>([\s\S]*?)<\/h1>\s*<p>([\s\S]*?)<\/p>/.exec(body.slice(body.indexOf('class="card"')));
    const text = [...alerts, errorPage && body.includes('class="card"') ? stripTags(errorPage[0]) : ""].join(" ").trim();
    return text || null;
  }
  if (contentType.includes("text/plain")) return body.trim() || null;
  return "(not a page)";
}

// ---- the walk -------------------------------------------------------------------------------------

let app: TestApp;
let world: World;
const clients = new Map<Persona, Browserish>();
const userOf = (w: World): Partial<Record<Persona, string>> => ({
  resident: w.home.resident.id,
  freshResident: w.home.resident.id,
  staff: w.home.staff.id,
  orgOwner: w.home.orgOwner.id,
  fundManager: w.home.fundManager.id,
  supervisor: w.home.supervisor.id,
  admin: w.admin.id,
  leaver: w.people.leaver.id,
  passwordChanger: w.people.passwordChanger.id,
  invitee: w.people.invitee.id,
  donor: w.people.donor.id,
  otherResident: w.other.resident.id,
  otherStaff: w.other.staff.id,
  otherOrgOwner: w.other.orgOwner.id,
  otherFundManager: w.other.fundManager.id,
});

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld();
  clients.set("anonymous", client(app));
  for (const [persona, userId] of Object.entries(userOf(world))) if (persona !== "freshResident") clients.set(persona as Persona, await sessionOf(app, userId));
}, 120_000);

afterAll(async () => {
  await app?.stop();
  storage.remove();
});

async function clientFor(persona: Persona): Promise<Browserish> {
  if (persona === "fresh") return client(app);
  if (persona === "freshResident") return sessionOf(app, world.home.resident.id);
  return clients.get(persona)!;
}

async function send(persona: Persona, target: string, payload: Payload, fileField: string | undefined): Promise<Response> {
  const c = await clientFor(persona);
  const headers: Record<string, string> = { cookie: c.cookie, origin: app.baseUrl };
  let body: FormData | URLSearchParams;
  if (payload.file) {
    body = new FormData();
    for (const [k, v] of Object.entries(payload.form)) for (const item of [v].flat()) body.append(k, item);
    body.append(fileField ?? "file", new File([Buffer.from(payload.file.bytes)], payload.file.name, { type: payload.file.type }));
  } else {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(payload.form)) for (const item of [v].flat()) body.append(k, item);
  }
  return fetch(app.baseUrl + target, { method: "POST", body, headers, redirect: "manual" });
}

const refusedAny = (res: Response) => res.status >= 400 || (res.status >= 300 && (res.headers.get("location") ?? "").startsWith("/login"));

/** One hostile request and everything that must hold after it; returns what went wrong (nothing if all is well). */
let lastSnapshot: Snapshot | null = null;
async function attack(fixture: Fixture, persona: Persona, role: "allowed" | "denied", target: string, payload: Payload): Promise<string[]> {
  // Nothing but these requests writes to this file's database, so the tables after one request are the tables before the next.
  const before = lastSnapshot ?? (await snapshotTables());
  const what = `${role} (${persona}), ${payload.label}`;
  let res: Response;
  let body: string;
  try {
    res = await send(persona, target, payload, fixture.fileField);
    body = await res.text();
  } catch (error) {
    // A connection dropped before any answer (as a server that stops reading a big body may do) is no clear refusal either.
    res = new Response(null, { status: 599 });
    body = String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
  const refused = (r: Response) => refusedAny(r) || (fixture.refusedBy?.(r) ?? false);
  const problems: string[] = [];
  if (res.status === 599) problems.push(`${what}: no answer, the connection was dropped (${body})`);
  else if (res.status >= 500) problems.push(`${what}: answered ${res.status}`);
  if (res.status >= 400 && res.status < 500) {
    const message = shownMessage(res.headers.get("content-type") ?? "", body);
    if (!message) problems.push(`${what}: answered ${res.status} with no message shown`);
    else if (!CJK.test(message) && message !== "(not a page)") problems.push(`${what}: answered ${res.status} with a message not in Chinese: ${JSON.stringify(message.slice(0, 80))}`);
  }
  for (const damage of prototypeDamage(["q", "b", "x", "polluted", "isPublic", "contact"])) problems.push(`${what}: ${damage}`);
  if (role === "denied" && !refused(res)) problems.push(`${what}: not refused (${res.status})`);
  const mustRefuse = role === "allowed" && !fixture.ignoresBody && (payload.refuse || (payload.file && fixture.fileField && !fixture.fileJudged));
  if (mustRefuse && !refused(res)) problems.push(`${what}: accepted (${res.status}) instead of refused`);
  const after = await snapshotTables();
  lastSnapshot = after;
  const written = changedTables(before, after, [...LAZY, ...(fixture.refusalWrites ?? []), ...(refused(res) ? [] : fixture.writes)]);
  if (written.length) problems.push(`${what}: ${res.status}, wrote ${written.join(", ")}`);
  return problems;
}

describe("every route with an action, under hostile input", () => {
  it("the build has the routes this test expects to walk, and every fixture is a route that still has an action", () => {
    expect(ACTION_ROUTES).toContain("routes/login");
    expect(ACTION_ROUTES).toContain("routes/proposals.new");
    expect(ACTION_ROUTES.length).toBeGreaterThan(40);
    expect(Object.keys(FIXTURES).filter((id) => !ACTION_ROUTES.includes(id))).toEqual([]);
  });

  it.each(ACTION_ROUTES)("%s answers every hostile submission with a refusal or a plain result, leaves Object.prototype alone and writes nothing it is not for", async (routeId) => {
    const fixture = FIXTURES[routeId];
    expect(fixture, `${routeId} has an action but no fixture: add one to FIXTURES in tests/integration/hostile-input.test.ts (who may use it, a valid form, the tables it writes)`).toBeDefined();
    const target = fixture.path(world);
    const form = fixture.form(world);
    const problems: string[] = [];

    const allowedPayloads = [
      ...namePayloads(form),
      { label: "10,000 fields", form: { ...form, ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, "1"])) }, refuse: true as const },
      ...valuePayloads(form),
      ...filePayloads(form),
    ];
    for (const payload of allowedPayloads) problems.push(...(await attack(fixture, fixture.allowed, "allowed", target, payload)));

    if (fixture.denied) {
      const deniedPayloads = [{ label: "the plain form", form }, namePayloads(form)[0], { label: "100,000 characters in every field", form: everyField(form, LONG) }, filePayloads(form)[0]];
      for (const payload of deniedPayloads) problems.push(...(await attack(fixture, fixture.denied, "denied", target, payload)));
    }

    for (const intent of fixture.intents ?? []) {
      const intentForm = intent.form(world);
      const intentTarget = (intent.path ?? fixture.path)(world);
      // The route's body limit and decoder are the same for every intent: names that reach for a prototype, and an amount no one means.
      const few = [namePayloads(intentForm)[0], { label: "amount 99999999999", form: replaced(intentForm, isAmount, () => "99999999999") ?? everyField(intentForm, "99999999999") }];
      for (const payload of few) problems.push(...(await attack(fixture, fixture.allowed, "allowed", intentTarget, { ...payload, label: `${String(intentForm._intent)}: ${payload.label}` })));
    }

    expect(problems, `${routeId} (${target}):\n${problems.join("\n")}`).toEqual([]);
  }, 120_000);

  // The walk above sends the hostile names of a kind together; here each goes alone, to the form
  // whose names are paths (a proposal's budget rows and milestones) and to a flat one (sign-in).
  it.each(["routes/proposals.$proposalId", "routes/login"])("%s refuses each hostile field name on its own", async (routeId) => {
    const fixture = FIXTURES[routeId];
    const form = fixture.form(world);
    const problems: string[] = [];
    for (const name of [...REACHING_NAMES, ...BARE_NAMES, ...DEEP_NAMES]) {
      problems.push(...(await attack(fixture, fixture.allowed, "allowed", fixture.path(world), { label: `field named ${name.slice(0, 40)}`, form: withNames(form, [name]), refuse: true })));
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
