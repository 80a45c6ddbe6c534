// Two neighbourhoods with one of every kind of record, for the tests that walk every route: a home
// community (甲) where each record lives, and another community (乙) with its own staff, residents,
// organisation and fund — the people who must never reach 甲's records.
import { db } from "@db/client";
import { eq } from "drizzle-orm";
import {
  deliberationOptions,
  deliberations,
  disbursements,
  donations,
  householdMembers,
  invitations,
  milestoneEvidence,
  milestoneReports,
  milestones,
  needPhotos,
  notifications,
  offlineIncomes,
  projects,
  refundRequests,
  socialWorkerCertificates,
} from "@db/schema";
import { selectProposal } from "~/domains/proposals/decide.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { newId } from "~/utils/ids";
import { fileStorage } from "~/utils/storage.server";
import {
  actorOf,
  addResident,
  biddingOrg,
  createCampaign,
  createCommunity,
  createDeliberation,
  createFund,
  createHousehold,
  createNeed,
  createOrg,
  createPendingDonation,
  createServiceNeed,
  createUser,
  fundMoneyIn,
  jpegBytes,
  passDeadline,
  proposalInput,
} from "./index";

/** Text only the record's own people may ever see: a page that shows it to anyone else leaks. */
export const SECRET = "机密内容勿外传";

async function neighbourhood(name: string) {
  const places = await createCommunity(name);
  const household = await createHousehold(places.building.id, "1单元101");
  const resident = await createUser({ name: `${name}居民` });
  await addResident(resident.id, household.id, true);
  const staff = await createUser({ name: `${name}社工` });
  const committee = await createOrg({ kind: "community_committee", name: `${name}居民委员会`, placeId: places.community.id, members: [[staff.id, "admin"]] });
  const orgOwner = await createUser({ name: `${name}机构负责人` });
  const orgMember = await createUser({ name: `${name}机构社工` });
  const org = await createOrg({ kind: "social_work_agency", name: `${name}社工服务中心`, members: [[orgOwner.id, "owner"], [orgMember.id, "member"]] });
  const fundManager = await createUser({ name: `${name}基金出纳` });
  const fundChecker = await createUser({ name: `${name}基金经理` });
  const supervisor = await createUser({ name: `${name}监事` });
  const fund = await createFund({
    communityId: places.community.id,
    name: `${name}微基金`,
    roles: [
      [fundManager.id, "manager"],
      [fundManager.id, "accountant"],
      [fundChecker.id, "manager"],
      [supervisor.id, "supervisor"],
    ],
  });
  await fundMoneyIn(fund.id, 1_000_000n);
  return { ...places, household, resident, staff, committee, orgOwner, orgMember, org, fundManager, fundChecker, supervisor, fundId: fund.id };
}

/** A deliberation of the community with three options, in the given state. */
async function deliberationWithOptions(communityId: string, createdBy: string, status: "draft" | "open" | "passed") {
  const row = await createDeliberation({ communityId, createdBy, status, question: `小区停车位如何分配？${status}` });
  if (status !== "passed") {
    const opensAt = status === "open" ? new Date(Date.now() - 3600_000) : new Date(Date.now() + 86400_000);
    await db().update(deliberations).set({ opensAt, closesAt: new Date(Date.now() + 7 * 86400_000) }).where(eq(deliberations.id, row.id));
  }
  const options = await db()
    .insert(deliberationOptions)
    .values(["每户分摊", "申请社区微基金", "不处理"].map((label, position) => ({ id: newId(), deliberationId: row.id, label, position })))
    .returning();
  return { ...row, options };
}

export async function buildWorld() {
  const home = await neighbourhood("甲社区");
  const other = await neighbourhood("乙社区");
  const admin = await createUser({ name: "平台管理员", admin: true });

  // People with one job each, so that a route that changes its user's state (leaving a household,
  // changing a password, accepting an invitation) does not change anyone else's.
  const leaver = await createUser({ name: "将搬走的居民" });
  await addResident(leaver.id, home.household.id, true);
  const pendingMember = await createUser({ name: "待确认的居民" });
  await db().insert(householdMembers).values({ userId: pendingMember.id, householdId: home.household.id, verified: false });
  const passwordChanger = await createUser({ name: "改密码的居民" });
  const invitee = await createUser({ name: "受邀社工", phone: "13612345678" });
  const donor = await createUser({ name: "捐赠人", email: `donor${newId().slice(0, 8)}@example.com` });

  // A pending organisation, for the platform's verification queue.
  const applicant = await createUser({ name: "筹备人" });
  const pendingOrg = await createOrg({ kind: "social_org", status: "pending", name: "待审核的社会组织", members: [[applicant.id, "owner"]] });

  // Home's records, each carrying the secret where only its people may read it.
  const need = await createNeed({ communityId: home.community.id, raisedBy: home.resident.id, isPublic: false, title: `${SECRET}：楼道灯坏了`, description: `${SECRET}，住在1单元101的独居老人晚上摔倒过。` });
  const photo = { id: newId(), storageKey: `needs/${newId()}.jpg` };
  await fileStorage().put(photo.storageKey, jpegBytes(), "image/jpeg");
  await db().insert(needPhotos).values({ id: photo.id, needId: need.id, storageKey: photo.storageKey, contentType: "image/jpeg", bytes: jpegBytes().length, position: 0 });
  const mergeTarget = await createNeed({ communityId: home.community.id, raisedBy: home.resident.id, isPublic: false, title: "楼道灯坏了（另一条）" });
  const withdrawable = await createNeed({ communityId: home.community.id, raisedBy: home.resident.id, isPublic: false, title: "可撤回的诉求" });
  const draftDeliberation = await deliberationWithOptions(home.community.id, home.staff.id, "draft");
  const openDeliberation = await deliberationWithOptions(home.community.id, home.staff.id, "open");
  const passedDeliberation = await deliberationWithOptions(home.community.id, home.staff.id, "passed");

  const certificate = { id: newId() };
  await db().insert(socialWorkerCertificates).values({ id: certificate.id, userId: home.orgMember.id, orgId: home.org.id, level: "intermediate", number: `SW${newId().slice(0, 10).toUpperCase()}` });
  const invitation = { id: newId() };
  await db().insert(invitations).values({ id: invitation.id, orgId: home.org.id, contact: invitee.phone!, role: "member", invitedBy: home.orgOwner.id, expiresAt: new Date(Date.now() + 7 * 86400_000) });
  const notification = { id: newId() };
  await db().insert(notifications).values({ id: notification.id, userId: home.resident.id, kind: "test", title: "通知", body: "你的诉求已受理", dedupeKey: `test:${notification.id}` });

  // The fund: income waiting for a second person, income approved, a paid donation with a receipt, a monthly gift.
  const pendingIncome = { id: newId() };
  const approvedIncome = { id: newId() };
  await db()
    .insert(offlineIncomes)
    .values([
      { id: pendingIncome.id, fundId: home.fundId, source: "recycling", payerName: `${SECRET}回收站`, description: "废品回收收入", amountFen: 12_000n, receivedOn: new Date(Date.now() - 86400_000), recordedBy: home.fundManager.id },
      { id: approvedIncome.id, fundId: home.fundId, source: "parking", payerName: "停车场", description: "停车费收入", amountFen: 30_000n, receivedOn: new Date(Date.now() - 86400_000), recordedBy: home.fundManager.id, status: "approved", decidedBy: home.supervisor.id, decidedAt: new Date() },
    ]);
  // Money going out waits for a second person: a disbursement and a refund, both recorded by the manager.
  const pendingDisbursement = { id: newId() };
  await db().insert(disbursements).values({ id: pendingDisbursement.id, fundId: home.fundId, amountFen: 5_000n, payeeName: home.org.name, payeeOrgId: home.org.id, payeeType: "org", purpose: `${SECRET}：楼道灯材料费`, authority: "board_approval", boardResolution: "理事会决议第1号", createdBy: home.fundManager.id });
  const pendingRefund = { id: newId() };
  await db().insert(refundRequests).values({ id: pendingRefund.id, fundId: home.fundId, targetType: "offline_income", targetId: approvedIncome.id, amountFen: 1_000n, reason: "多收退还", requestedBy: home.fundManager.id });
  const campaign = await createCampaign(home.fundId, home.fundManager.id);
  const donation = await createPendingDonation(home.fundId, { donorUserId: donor.id, donorName: `${SECRET}何先生`, donorEmail: donor.email, status: "succeeded", succeededAt: new Date(), receiptNumber: `R${newId().slice(0, 10)}`, subscriptionId: `sub_${newId()}` });
  const pendingDonation = await createPendingDonation(home.fundId, { donorName: "路过的捐赠人" });

  // The marketplace: an open service need with the home organisation's draft proposal; a closed
  // one decided for another bidder, whose agreement waits for both sides.
  const serviceNeed = await createServiceNeed({ communityId: home.community.id, postedByOrgId: home.committee.id, createdBy: home.staff.id, deadline: new Date(Date.now() + 7 * 86400_000) });
  const ownerActor = await actorOf(home.orgOwner);
  const proposal = await saveDraft({ actor: ownerActor, serviceNeedId: serviceNeed.id, orgId: home.org.id, input: proposalInput(serviceNeed, { approach: `${SECRET}：我们的报价策略。` }) });
  const decidedNeed = await createServiceNeed({ communityId: home.community.id, postedByOrgId: home.committee.id, createdBy: home.staff.id, title: "社区戒毒康复社会工作服务" });
  const bidder = await biddingOrg({ name: "中标的社工机构" });
  const submitted = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: decidedNeed.id, orgId: bidder.org.id, input: proposalInput(decidedNeed, { approach: `${SECRET}：中标方案。` }) });
  await submitProposal({ actor: bidder.ownerActor, proposalId: submitted.id });
  await passDeadline(decidedNeed.id);
  const selection = await selectProposal({ actor: await actorOf(home.staff), serviceNeedId: decidedNeed.id, proposalId: submitted.id, reasons: "方案最完整" });
  const agreementId = "agreement" in selection && selection.agreement ? selection.agreement.id : "";

  // A project in delivery: the home organisation reports, the committee pays; one milestone with
  // a submitted report carrying a photo, one still to report.
  const project = { id: newId() };
  await db().insert(projects).values({ id: project.id, title: "甲社区助老项目", communityId: home.community.id, providerOrgId: home.org.id, funderOrgId: home.committee.id, sourceType: "test", sourceId: project.id, amountFen: 200_000n, scopePlaceId: home.community.id, status: "active" });
  const [reported, open] = await db()
    .insert(milestones)
    .values([
      { id: newId(), projectId: project.id, position: 1, title: "入户走访", dueDate: "2027-01-31", paymentShareBp: 5_000, amountFen: 100_000n, deliverables: [{ indicator: "走访", target: 20, unit: "户" }], status: "submitted" },
      { id: newId(), projectId: project.id, position: 2, title: "结项", dueDate: "2027-06-30", paymentShareBp: 5_000, amountFen: 100_000n, deliverables: [{ indicator: "活动", target: 4, unit: "场" }] },
    ])
    .returning();
  const report = { id: newId() };
  await db().insert(milestoneReports).values({ id: report.id, milestoneId: reported.id, version: 1, status: "submitted", narrative: "走访了20户。", createdBy: home.orgOwner.id, submittedBy: home.orgOwner.id, submittedAt: new Date() });
  // The next milestone's report is still a draft: the organisation's own until it submits it.
  await db().insert(milestoneReports).values({ id: newId(), milestoneId: open.id, version: 1, status: "draft", narrative: `${SECRET}：草稿，尚未提交。`, createdBy: home.orgOwner.id });
  const evidence = { id: newId(), storageKey: `evidence/${newId()}.jpg` };
  await fileStorage().put(evidence.storageKey, jpegBytes(), "image/jpeg");
  await db().insert(milestoneEvidence).values({ id: evidence.id, reportId: report.id, storageKey: evidence.storageKey, mediaType: "image/jpeg", fileName: "签到表.jpg", sizeBytes: jpegBytes().length });

  return {
    home,
    other,
    admin,
    people: { leaver, pendingMember, passwordChanger, invitee, donor, applicant },
    pendingOrg,
    need,
    photo,
    mergeTarget,
    withdrawable,
    draftDeliberation,
    openDeliberation,
    passedDeliberation,
    certificate,
    invitation,
    notification,
    pendingIncome,
    approvedIncome,
    pendingDisbursement,
    pendingRefund,
    campaign,
    donation,
    pendingDonation,
    serviceNeed,
    proposal,
    decidedNeed,
    bidder,
    agreementId,
    project,
    reportedMilestone: reported,
    openMilestone: open,
    report,
    evidence,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
