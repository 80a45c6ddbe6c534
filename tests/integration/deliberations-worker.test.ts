import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "@db/client";
import { auditLog, deliberationOptions, deliberations, needEvents, needs, notifications, votes } from "@db/schema";
import { lockForVoting } from "~/domains/deliberations/ballot-box.server";
import { castVote } from "~/domains/deliberations/cast-vote.server";
import { closeAndTally, tallyOverdueDeliberations } from "~/domains/deliberations/close-and-tally.server";
import { createDeliberation } from "~/domains/deliberations/create-deliberation.server";
import { openDeliberation } from "~/domains/deliberations/open-deliberation.server";
import { recordPaperVote } from "~/domains/deliberations/record-paper-vote.server";
import { remindFollowers } from "~/domains/deliberations/remind-followers.server";
import { quietLogger } from "@db/migrate";
import { taskList } from "../../workers/run";
import { actorOf, addResident, createCommunity, createCommunityStaff, createHousehold, createTriagedNeed, createUser, followNeed } from "../factories";

const runWorkerOnce = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger });
const sleepUntil = async (at: Date) => {
  const wait = at.getTime() - Date.now() + 50;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

/** A building of four households, three with a verified resident; a 小事 need followed by a neighbour. */
async function street(name: string) {
  const places = await createCommunity(name);
  const households = [];
  const residents = [];
  for (const label of ["1单元101", "1单元201", "1单元301", "1单元401"]) households.push(await createHousehold(places.building.id, label));
  for (const h of households.slice(0, 3)) {
    const user = await createUser();
    await addResident(user.id, h.id, true);
    residents.push(await actorOf(user));
  }
  const staffUser = await createCommunityStaff(places.community.id);
  const staff = await actorOf(staffUser);
  const follower = await createUser({ name: "关注者" });
  const need = await createTriagedNeed({ communityId: places.community.id, filedBy: residents[0].userId, title: `${name}的路灯` });
  await followNeed(need.id, follower.id);
  return { ...places, households, residents, staff, follower, need };
}

async function openWithin(hood: Awaited<ReturnType<typeof street>>, ms: number, quorumPercent = 50) {
  const draft = await createDeliberation({
    actor: hood.staff,
    communityId: hood.community.id,
    input: {
      needIds: [hood.need.id],
      question: "路灯怎么修？",
      options: ["每户打平伙", "申请社区微基金", "不处理"],
      scopePlaceId: hood.building.id,
      opensAt: new Date(Date.now() - 1000),
      closesAt: new Date(Date.now() + ms),
      quorumPercent,
      threshold: "simple_majority",
    },
  });
  const opened = await openDeliberation({ actor: hood.staff, deliberationId: draft.id });
  const options = await db().select().from(deliberationOptions).where(eq(deliberationOptions.deliberationId, opened.id));
  return { deliberation: opened, option: (label: string) => options.find((o) => o.label === label)!.id };
}

const row = async (id: string) => (await db().select().from(deliberations).where(eq(deliberations.id, id)))[0];
const needRow = async (id: string) => (await db().select().from(needs).where(eq(needs.id, id)))[0];

describe("the tally worker", () => {
  it("tallies a deliberation whose deadline passed while no worker ran, on the next run; a second run changes nothing", async () => {
    const hood = await street("停机社区");
    const { deliberation, option } = await openWithin(hood, 1500);
    await castVote({ actor: hood.residents[0], deliberationId: deliberation.id, input: { optionId: option("每户打平伙") } });
    await castVote({ actor: hood.residents[1], deliberationId: deliberation.id, input: { optionId: option("每户打平伙") } });
    await recordPaperVote({ actor: hood.staff, deliberationId: deliberation.id, input: { householdId: hood.households[3].id, optionId: option("不处理") } });

    // Nothing runs the job before its time…
    await runWorkerOnce();
    expect((await row(deliberation.id)).status).toBe("open");
    // …and no worker runs at the deadline. The next worker to start finds the overdue job.
    await sleepUntil(deliberation.closesAt);
    await runWorkerOnce();

    const tallied = await row(deliberation.id);
    expect(tallied.status).toBe("passed");
    expect(tallied.winningOptionId).toBe(option("每户打平伙"));
    expect(tallied.talliedAt).not.toBeNull();
    expect(tallied.result).toMatchObject({
      eligibleHouseholds: 4,
      votingHouseholds: 3,
      quorumRequired: 2,
      byChannel: { online: 2, paper: 1 },
      counts: [
        { label: "每户打平伙", votes: 2 },
        { label: "申请社区微基金", votes: 0 },
        { label: "不处理", votes: 1 },
      ],
    });
    const need = await needRow(hood.need.id);
    expect(need.status).toBe("decided");
    const decided = await db().select().from(needEvents).where(and(eq(needEvents.needId, need.id), eq(needEvents.kind, "decided")));
    expect(decided).toEqual([expect.objectContaining({ fromStatus: "in_deliberation", toStatus: "decided", note: "每户打平伙", actorId: null })]);
    // The notify job enqueued by the tally ran in the same worker run: followers know the result.
    const told = await db().select().from(notifications).where(eq(notifications.userId, hood.follower.id));
    expect(told.map((n) => n.title)).toEqual(expect.arrayContaining(["议事投票开始：路灯怎么修？", "议事结果：路灯怎么修？"]));
    expect(told.find((n) => n.title.startsWith("议事结果"))!.body).toContain("“每户打平伙”获得通过（3/4 户参与投票）");

    // Run it again, by a duplicate job and by hand: nothing moves.
    await db().execute(sql`select graphile_worker.add_job('tally_deliberation', ${JSON.stringify({ deliberationId: deliberation.id })}::json)`);
    await runWorkerOnce();
    expect(await closeAndTally(deliberation.id)).toEqual({ outcome: "not_open" });
    const again = await row(deliberation.id);
    expect(again.talliedAt).toEqual(tallied.talliedAt);
    expect(again.result).toEqual(tallied.result);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, deliberation.id), eq(auditLog.action, "deliberation.tally")))).toHaveLength(1);
    expect(await db().select().from(needEvents).where(and(eq(needEvents.needId, need.id), eq(needEvents.kind, "decided")))).toHaveLength(1);
    expect((await db().select().from(notifications).where(eq(notifications.userId, hood.follower.id))).filter((n) => n.title.startsWith("议事结果"))).toHaveLength(1);
  });

  it("counts a ballot whose transaction took the lock just before the deadline, even though the tally started while it was committing", async () => {
    const hood = await street("最后一秒社区");
    const { deliberation, option } = await openWithin(hood, 500, 0);
    let tally: Promise<unknown> | undefined;
    // A vote at 23:59:59.999 whose commit is slow: the deadline passes and the tally starts meanwhile.
    await db().transaction(async (tx) => {
      await lockForVoting(tx, deliberation.id);
      await tx.insert(votes).values({ deliberationId: deliberation.id, householdId: hood.households[0].id, optionId: option("不处理"), channel: "online", castBy: hood.residents[0].userId });
      await sleepUntil(deliberation.closesAt);
      tally = closeAndTally(deliberation.id);
      await new Promise((r) => setTimeout(r, 200));
      expect((await tx.select().from(deliberations).where(eq(deliberations.id, deliberation.id)))[0].status).toBe("open");
    });
    await tally;
    const tallied = await row(deliberation.id);
    expect(tallied.result).toMatchObject({ votingHouseholds: 1, counts: [{ votes: 0 }, { votes: 0 }, { votes: 1 }] });
    expect(tallied.status).toBe("passed");
  });

  it("sends the needs back to triaged when the quorum is missed", async () => {
    const hood = await street("冷清社区");
    const { deliberation, option } = await openWithin(hood, 800, 75);
    await castVote({ actor: hood.residents[0], deliberationId: deliberation.id, input: { optionId: option("每户打平伙") } });
    await sleepUntil(deliberation.closesAt);
    await runWorkerOnce();
    const tallied = await row(deliberation.id);
    expect(tallied.status).toBe("no_quorum");
    expect(tallied.winningOptionId).toBeNull();
    expect(tallied.result).toMatchObject({ eligibleHouseholds: 4, votingHouseholds: 1, quorumRequired: 3 });
    expect((await needRow(hood.need.id)).status).toBe("triaged");
    const [step] = await db().select().from(needEvents).where(and(eq(needEvents.needId, hood.need.id), eq(needEvents.kind, "deliberation_not_passed")));
    expect(step).toMatchObject({ fromStatus: "in_deliberation", toStatus: "triaged" });
  });

  it("leaves a deliberation alone before its deadline, and the sweep tallies one whose job went missing", async () => {
    const hood = await street("丢任务社区");
    const { deliberation } = await openWithin(hood, 600, 0);
    expect(await closeAndTally(deliberation.id)).toEqual({ outcome: "not_due" });
    expect((await row(deliberation.id)).status).toBe("open");
    await db().execute(sql`delete from graphile_worker._private_jobs where key = ${`tally:${deliberation.id}`}`);
    await sleepUntil(deliberation.closesAt);
    expect(await tallyOverdueDeliberations()).toBe(1);
    expect((await row(deliberation.id)).status).toBe("failed");
    expect(await tallyOverdueDeliberations()).toBe(0);
  });

  it("reminds followers 24 hours before the close only while the vote is still open", async () => {
    const hood = await street("提醒社区");
    const { deliberation } = await openWithin(hood, 48 * 60 * 60 * 1000);
    expect(await remindFollowers(deliberation.id)).toBe(true);
    await runWorkerOnce();
    const titles = (await db().select().from(notifications).where(eq(notifications.userId, hood.follower.id))).map((n) => n.title);
    expect(titles).toContain("投票将在 24 小时内截止：路灯怎么修？");
    await db().update(deliberations).set({ status: "failed" }).where(eq(deliberations.id, deliberation.id));
    expect(await remindFollowers(deliberation.id)).toBe(false);
  });
});
