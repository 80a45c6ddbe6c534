// Demo delivery (民事民办 → 民事民评). Scenario 1 goes on from the vote: 移民小区's 81 households each
// chipped in (每户打平伙), the money was paid into the 桃花桥社区微基金 as offline income — recorded by
// the fund's accountant, approved by the supervisory committee (监委会) — and community staff started
// the street-lights project through the same use case as the page: the owners' committee buys the
// lights and a resident electrician fits them; ¥3,000 leaves the fund only when the milestone is
// accepted, co-signed and rated by the households. Its milestone is left pending for the demo to report.
// Scenario 2 has one done already: 东路社区's households voted to pay a 社区好人 award from the 公益站,
// the volunteers' association ran it, reported with its receipts, staff accepted, the 监委会 co-signed,
// three households rated it and the ¥1,500 was paid — every step through the same use cases as the
// pages, so the dashboards, the association's reputation and the timeline have a finished project.
import { eq, sql } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { funds, householdMembers, memberships, milestones, needFollowers, needs, organisations, projects, users } from "../db/schema";
import { checkEvidenceUpload } from "../app/domains/delivery/evidence.server";
import { rateMilestone } from "../app/domains/delivery/rate.server";
import { addEvidence, saveDraft, submitReport } from "../app/domains/delivery/reports.server";
import { acceptReport, cosignReport } from "../app/domains/delivery/review.server";
import { startProjectFromDecision } from "../app/domains/delivery/start-project.server";
import { reportDraftSchema, startProjectSchema } from "../app/domains/delivery/schemas";
import { recordNeedStep } from "../app/domains/needs/timeline.server";
import { loadActor } from "../app/utils/permissions.server";
import { householdId, orgId, placeId, userId } from "./index";
import { seedRound, STREET_LIGHTS_DELIBERATION_ID } from "./deliberations";
import { DONGLU_FUND_ID, seedIncome, TAOHUAQIAO_FUND_ID } from "./funds";
import { stableId } from "./stable-id";

const TAOHUAQIAO = ["重庆市", "南岸区", "长生桥镇", "桃花桥社区"];
const DONGLU = ["重庆市", "南岸区", "南坪街道", "东路社区"];
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

// The micro-fund is opened with the other funds (seed/funds.ts): the street-lights vote names it.
export { TAOHUAQIAO_FUND_ID };
export const STREET_LIGHTS_PROJECT_ID = stableId("project:taohuaqiao-street-lights");
// Spelt out rather than orgId(...): this module is loaded while index.ts, which defines orgId, is still loading.
export const OWNERS_COMMITTEE_ID = stableId("org:yimin-owners-committee");

export const DONGLU_AWARD_PROJECT_ID = stableId("project:donglu-good-neighbours");
export const DONGLU_AWARD_DELIBERATION_ID = stableId("deliberation:donglu-good-neighbours");
export const DONGLU_VOLUNTEERS_ID = stableId("org:donglu-volunteers");
const DONGLU_AWARD_NEED_ID = stableId("need:donglu-good-neighbours");

/**
 * The people of 东路社区's finished project. They sign in with the demo password but are not on the
 * demo login list: the roles they play are there already (a resident, an organisation's admin).
 */
const DONGLU_PEOPLE = [
  { key: "dongluVolunteerLead", phone: "13900000041", name: "郑会长", household: null },
  { key: "dongluResident1", phone: "13900000042", name: "何阿姨", household: ["东路1栋", "1单元101"] },
  { key: "dongluResident2", phone: "13900000043", name: "罗大爷", household: ["东路1栋", "1单元201"] },
  { key: "dongluResident3", phone: "13900000044", name: "唐女士", household: ["东路2栋", "1单元101"] },
] as const;
const DONGLU_RESIDENTS = DONGLU_PEOPLE.filter((p) => p.household);

/** The people, the organisations, the funds' money and 东路's decision: in the seed's transaction. */
export async function seedDeliveryPeople(tx: Tx, passwordHash: string) {
  await tx
    .insert(organisations)
    .values({
      id: OWNERS_COMMITTEE_ID,
      name: "桃花桥社区移民小区业主委员会",
      kind: "social_org",
      registration: "filed",
      filingNumber: "长生桥镇备字〔2025〕第 021 号",
      placeId: placeId(...TAOHUAQIAO, "移民小区网格"),
      description: "移民小区没有物业公司，由业主委员会组织小区公共设施的修缮：比三家报价采购材料，请小区里的电工义务安装。",
      status: "verified",
      reviewedBy: userId("admin"),
      reviewedAt: new Date(),
      createdBy: userId("ownersCommittee"),
    })
    .onConflictDoNothing();
  await tx.insert(memberships).values({ orgId: OWNERS_COMMITTEE_ID, userId: userId("ownersCommittee"), role: "admin" }).onConflictDoNothing();
  // A third household of 移民小区, so three households can rate the lights (the bar asks for three).
  await tx
    .insert(householdMembers)
    .values({ userId: userId("resident3"), householdId: householdId("移民小区3栋", "1单元201"), verified: true, linkedBy: userId("staff") })
    .onConflictDoNothing();

  const accountant = userId("staff");
  const supervisor = userId("taohuaqiaoSupervisor");
  await seedIncome(tx, {
    fundId: TAOHUAQIAO_FUND_ID,
    key: "taohuaqiao-street-lights-households",
    source: "other",
    payerName: "移民小区 81 户居民",
    description: "移民小区 81 户打平伙分摊路灯费用（每户 40 元）",
    yuan: 3240,
    receivedDaysAgo: 20,
    recordedBy: accountant,
    decidedBy: supervisor,
  });
  await seedDongluDecision(tx, passwordHash);
}

/** 东路社区: the association, three households' residents, the need and the vote that passed. */
async function seedDongluDecision(tx: Tx, passwordHash: string) {
  const donglu = placeId(...DONGLU);
  const staff = userId("fundManager"); // 孙会计 sits on 东路社区's residents' committee
  for (const p of DONGLU_PEOPLE) {
    await tx.insert(users).values({ id: userId(p.key), phone: p.phone, displayName: p.name, passwordHash }).onConflictDoNothing();
    if (p.household) await tx.insert(householdMembers).values({ userId: userId(p.key), householdId: householdId(p.household[0], p.household[1]), verified: true, linkedBy: staff }).onConflictDoNothing();
  }
  await tx
    .insert(organisations)
    .values({
      id: DONGLU_VOLUNTEERS_ID,
      name: "东路社区志愿者协会",
      kind: "social_org",
      registration: "filed",
      filingNumber: "南坪街道备字〔2024〕第 008 号",
      placeId: donglu,
      description: "东路社区居民自发组成的志愿服务组织，组织邻里互助、社区好人评选等活动。",
      status: "verified",
      reviewedBy: userId("admin"),
      reviewedAt: new Date(),
      createdBy: userId("dongluVolunteerLead"),
    })
    .onConflictDoNothing();
  await tx.insert(memberships).values({ orgId: DONGLU_VOLUNTEERS_ID, userId: userId("dongluVolunteerLead"), role: "admin" }).onConflictDoNothing();

  const raiser = userId(DONGLU_RESIDENTS[0].key);
  const inserted = await tx
    .insert(needs)
    .values({
      id: DONGLU_AWARD_NEED_ID,
      title: "希望评选表彰社区好人，让热心邻居被看见",
      description: "社区里有很多默默帮助邻居的人：照顾独居老人、义务打扫楼道、调解邻里矛盾。希望每年评一次社区好人，办个表彰会，带动更多人参与。",
      category: "culture_sport",
      communityId: donglu,
      placeId: donglu,
      raisedBy: raiser,
      filedBy: raiser,
      isPublic: true,
      status: "triaged",
      triage: "small",
      triageNote: "社区公共事务，由居民表决是否使用社区公益站资金。",
      createdAt: daysAgo(50),
    })
    .onConflictDoNothing()
    .returning({ id: needs.id });
  if (!inserted.length) return;
  await tx.insert(needFollowers).values({ needId: DONGLU_AWARD_NEED_ID, userId: raiser }).onConflictDoNothing();
  await recordNeedStep(tx, { needId: DONGLU_AWARD_NEED_ID, actorId: raiser, kind: "raised", toStatus: "submitted" });
  await recordNeedStep(tx, { needId: DONGLU_AWARD_NEED_ID, actorId: staff, kind: "triaged", fromStatus: "submitted", toStatus: "triaged", detail: { triage: "small" } });
  await backdateNeedSteps(tx, DONGLU_AWARD_NEED_ID, daysAgo(50));

  const yes = "同意，由公益站出资 1,500 元举办";
  await seedRound(tx, {
    id: DONGLU_AWARD_DELIBERATION_ID,
    communityId: donglu,
    question: "是否由社区公益站出资举办今年的社区好人评选表彰？",
    options: [yes, "不同意"],
    spending: { [yes]: { fundId: DONGLU_FUND_ID, ceilingYuan: 1500 } },
    scopePlaceId: donglu,
    opensAt: daysAgo(45),
    closesAt: daysAgo(38),
    quorumPercent: 50,
    threshold: "simple_majority",
    createdBy: staff,
    needId: DONGLU_AWARD_NEED_ID,
    ballots: [[yes, 5], ["不同意", 1]],
    online: DONGLU_RESIDENTS.map((p) => ({ householdId: householdId(p.household![0], p.household![1]), by: userId(p.key) })),
    paperBy: staff,
  });
}

/** A seeded need's first steps at the time its story says (recordNeedStep writes them at the seed's time). */
async function backdateNeedSteps(tx: Tx, needId: string, raisedAt: Date) {
  await tx.execute(sql`update need_events set at = case when kind = 'raised' then ${raisedAt.toISOString()}::timestamptz else ${new Date(raisedAt.getTime() + DAY).toISOString()}::timestamptz end
    where need_id = ${needId} and kind in ('raised', 'triaged')`);
}

/** The date `days` from now in Beijing, as a date field holds it. */
const beijingDate = (days: number) => new Date(Date.now() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Starts the street-lights project as community staff would on the page. Runs after the seed's
 * transaction has committed (the use case opens its own, and must see the fund's money).
 */
export async function seedDeliveryProjects() {
  // A database seeded before delivery existed has no 桃花桥 micro-fund: nothing to start there.
  const [fund] = await db().select({ id: funds.id }).from(funds).where(eq(funds.id, TAOHUAQIAO_FUND_ID));
  if (!fund) return;
  if (!(await projectExists(STREET_LIGHTS_PROJECT_ID))) await startStreetLights();
  if (!(await projectExists(DONGLU_AWARD_PROJECT_ID))) await deliverDongluAward();
}

const projectExists = async (id: string) => (await db().select({ id: projects.id }).from(projects).where(eq(projects.id, id))).length > 0;

async function actorOf(key: string) {
  const [user] = await db().select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId(key)));
  return loadActor(user);
}

async function startStreetLights() {
  const input = startProjectSchema.parse({
    deliberationId: STREET_LIGHTS_DELIBERATION_ID,
    fundId: TAOHUAQIAO_FUND_ID,
    providerOrgId: OWNERS_COMMITTEE_ID,
    title: "移民小区路灯修复",
    amount: "3000",
    budgetLabel: "路灯材料",
    milestoneTitle: "路灯安装完成",
    dueDate: beijingDate(14),
    indicator: "修复路灯",
    target: "27",
    unit: "个单元",
    evidenceRequired: "安装后的夜间照片、材料发票",
    ratingBar: "3.5",
    ratingHouseholds: "3",
  });
  await startProjectFromDecision({ actor: await actorOf("staff"), communityId: placeId(...TAOHUAQIAO), input, id: STREET_LIGHTS_PROJECT_ID });
}

/** A one-page PDF of the receipts (the award's evidence): text only, no names. */
function receiptsPdf(): Uint8Array {
  const text = "BT /F1 14 Tf 50 780 Td (Donglu community good-neighbour award: prize receipts, total CNY 1,480.00) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

/** 东路's 社区好人 award, from the start of the project to its payment, as the people would do it on the pages. */
async function deliverDongluAward() {
  const staff = await actorOf("fundManager");
  const input = startProjectSchema.parse({
    deliberationId: DONGLU_AWARD_DELIBERATION_ID,
    fundId: DONGLU_FUND_ID,
    providerOrgId: DONGLU_VOLUNTEERS_ID,
    title: "东路社区好人评选表彰",
    amount: "1500",
    budgetLabel: "奖品与表彰会",
    milestoneTitle: "评选表彰会举办",
    dueDate: beijingDate(10),
    indicator: "表彰社区好人",
    target: "10",
    unit: "名",
    evidenceRequired: "表彰会照片、奖品发票",
    ratingBar: "3.5",
    ratingHouseholds: "3",
  });
  await startProjectFromDecision({ actor: staff, communityId: placeId(...DONGLU), input, id: DONGLU_AWARD_PROJECT_ID });
  const [milestone] = await db().select({ id: milestones.id }).from(milestones).where(eq(milestones.projectId, DONGLU_AWARD_PROJECT_ID));
  const milestoneId = milestone.id;

  const lead = await actorOf("dongluVolunteerLead");
  const report = reportDraftSchema.parse({
    narrative: "居民推荐 26 人，志愿者协会走访核实后由居民代表投票选出 10 位社区好人；表彰会在社区广场举行，126 位居民到场，奖品为生活用品礼包。",
    actual: "10",
    group: "到场居民",
    groupCount: "126",
    hours: "36",
    spent: "1480",
  });
  await saveDraft({ actor: lead, milestoneId, input: report });
  const receipts = await checkEvidenceUpload({ fileName: "奖品发票汇总.pdf", bytes: receiptsPdf(), tooLarge: false });
  if ("error" in receipts) throw new Error(receipts.error);
  await addEvidence({ actor: lead, milestoneId, file: receipts });
  await submitReport({ actor: lead, milestoneId });

  await acceptReport({ actor: staff, milestoneId, comment: "表彰会已举办，发票与预算相符。" });
  await cosignReport({ actor: await actorOf("supervisor"), milestoneId });
  const ratings: [number, string][] = [
    [5, "评出来的都是大家公认的热心人，很有意义。"],
    [4, "表彰会办得热闹，明年可以多评几位。"],
    [5, "奖品实用，大家都很高兴。"],
  ];
  // The third household's rating lifts the milestone over the bar: it is accepted and paid from the 公益站.
  for (const [i, [score, comment]] of ratings.entries()) {
    await rateMilestone({ actor: await actorOf(DONGLU_RESIDENTS[i].key), milestoneId, input: { score, comment } });
  }
}
