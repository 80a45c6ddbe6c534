// Projects in delivery, made straight in the test's database: a community with staff and three
// rating households, a provider organisation with a member who reports, and milestones.
import { db } from "@db/client";
import { milestones as milestoneRows, projects as projectRows, type Deliverable } from "@db/schema";
import { splitByShares } from "~/domains/projects/milestone-split";
import { newId } from "~/utils/ids";
import { actorOf, addResident, createCommunity, createCommunityStaff, createHousehold, createOrg, createUser, fundMoneyIn, fundWithPeople } from "./index";

export interface MilestonePlan {
  title?: string;
  dueDate?: string; // YYYY-MM-DD
  shareBp: number;
  deliverables?: Deliverable[];
}

const DEFAULT_DELIVERABLES: Deliverable[] = [{ indicator: "服务老人", target: 200, unit: "人次" }];
const isoDate = (daysFromNow: number) => new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/**
 * A project in delivery. With `fund: "micro_fund"` the money is the community's own: a micro-fund
 * with ¥`fundYuan` in cash pays, and a supervisor co-signs. Without it, the community committee is
 * the funder and pays by payment instruction.
 */
export async function deliveryProject(
  options: {
    amountFen?: bigint;
    milestones?: MilestonePlan[];
    fund?: "micro_fund";
    fundFen?: bigint;
    ratingBar?: { tenths: number; households: number };
    households?: number;
    title?: string;
  } = {},
) {
  const amountFen = options.amountFen ?? 300_000n;
  const plan = options.milestones ?? [{ shareBp: 10_000 }];
  const withFund = options.fund === "micro_fund" ? await fundWithPeople() : null;
  const places = withFund ?? (await createCommunity());
  // Staff sit on the community's residents' committee, which is also the funder when no fund pays.
  const staff = withFund ? await createCommunityStaff(places.community.id, { name: "李社工" }) : await createUser({ name: "李社工" });
  const funder = withFund ? null : await createOrg({ kind: "community_committee", placeId: places.community.id, members: [[staff.id, "admin"]] });
  const reporter = await createUser({ name: "赵项目主管" });
  const provider = await createOrg({ kind: "social_org", name: `测试服务机构${newId().slice(0, 6)}`, members: [[reporter.id, "admin"]] });
  if (withFund) await fundMoneyIn(withFund.fundId, options.fundFen ?? amountFen);

  const residents = [];
  for (let i = 0; i < (options.households ?? 3); i++) {
    const household = await createHousehold(places.building.id, `${i + 1}单元${i + 1}01`);
    const user = await createUser({ name: `居民${i + 1}` });
    await addResident(user.id, household.id);
    residents.push({ user, household, actor: await actorOf(user) });
  }

  const [project] = await db()
    .insert(projectRows)
    .values({
      id: newId(),
      title: options.title ?? "移民小区路灯维修",
      communityId: places.community.id,
      providerOrgId: provider.id,
      sourceType: "test",
      sourceId: newId(),
      amountFen,
      fundId: withFund?.fundId ?? null,
      funderOrgId: funder?.id ?? null,
      requiresCosign: !!withFund,
      scopePlaceId: places.community.id,
      ratingBarTenths: options.ratingBar?.tenths ?? null,
      ratingBarHouseholds: options.ratingBar?.households ?? null,
      budgetLines: [{ label: "材料费", amountFen: Number(amountFen) }],
      status: "active",
    })
    .returning();
  const amounts = splitByShares(amountFen, plan.map((m) => m.shareBp));
  const milestones = await db()
    .insert(milestoneRows)
    .values(
      plan.map((m, i) => ({
        id: newId(),
        projectId: project.id,
        position: i + 1,
        title: m.title ?? `第${i + 1}阶段`,
        dueDate: m.dueDate ?? isoDate(30 * (i + 1)),
        paymentShareBp: m.shareBp,
        amountFen: amounts[i],
        deliverables: m.deliverables ?? DEFAULT_DELIVERABLES,
        evidenceRequired: "现场照片、签到表",
      })),
    )
    .returning();
  milestones.sort((a, b) => a.position - b.position);

  return {
    ...places,
    project,
    milestones,
    provider,
    funder,
    fundId: withFund?.fundId ?? null,
    staffUser: staff,
    staff: await actorOf(staff),
    reporterUser: reporter,
    reporter: await actorOf(reporter),
    supervisorUser: withFund?.supervisorUser ?? null,
    supervisor: withFund?.supervisor ?? null,
    residents,
  };
}
