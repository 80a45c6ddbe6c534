import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "@db/client";
import { notifications, serviceNeeds } from "@db/schema";
import { quietLogger } from "@db/migrate";
import { parseInput } from "~/utils/forms.server";
import { serviceNeedSchema } from "~/domains/marketplace/schemas";
import { draftServiceNeed } from "~/domains/marketplace/post-service-need.server";
import { publishServiceNeed } from "~/domains/marketplace/publish-service-need.server";
import { extendDeadline } from "~/domains/marketplace/extend-deadline.server";
import { askQuestion } from "~/domains/marketplace/ask-question.server";
import { taskList } from "../../workers/run";
import { biddingOrg, purchasingCommunity, serviceNeedForm } from "../factories";

const runWorkerOnce = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger });
const sleepUntil = async (at: Date) => {
  const wait = at.getTime() - Date.now() + 50;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

describe("the worker at a service need's deadline", () => {
  it("waits for the extended deadline, then moves the need to evaluating; the asking organisation was told of the extension", async () => {
    const huijing = await purchasingCommunity("惠景社区");
    const first = new Date(Date.now() + 1500);
    const input = { ...parseInput(serviceNeedSchema, serviceNeedForm()), proposalDeadline: first };
    const { id } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input });
    await publishServiceNeed({ actor: huijing.staff, serviceNeedId: id });
    const asker = await biddingOrg();
    await askQuestion({ actor: asker.ownerActor, serviceNeedId: id, question: "能否延期提交？" });
    const extended = new Date(first.getTime() + 1500);
    await extendDeadline({ actor: huijing.staff, serviceNeedId: id, proposalDeadline: extended });
    const status = async () => (await db().select({ s: serviceNeeds.status }).from(serviceNeeds).where(eq(serviceNeeds.id, id)))[0].s;

    await sleepUntil(first);
    await runWorkerOnce();
    expect(await status()).toBe("published");
    const told = await db().select().from(notifications).where(eq(notifications.userId, asker.owner.id));
    expect(told.map((n) => n.kind)).toEqual(["service_need.extended"]);

    await sleepUntil(extended);
    await runWorkerOnce();
    expect(await status()).toBe("evaluating");
  });
});
