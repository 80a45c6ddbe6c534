// 配捐 through the webhook handler (local mode: no Stripe keys), as donations succeed.
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { fundRoles, matches } from "@db/schema";
import { handlePaymentEvent } from "~/domains/donations/handle-payment-event.server";
import { campaignFundraising } from "~/domains/donations/queries.server";
import { chargeRefundedEvent, sessionEvent } from "~/domains/donations/stripe-events";
import { verifyChain } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { balanceOf } from "~/domains/ledger/post-entry.server";
import { decideRefund } from "~/domains/funds/decide-refund.server";
import { recordRefund } from "~/domains/funds/record-refund.server";
import { actorOf, fundMoneyIn, createCampaign, createFoundation, createPendingDonation, createPledge, createUser, jpegBytes, temporaryStorage } from "../factories";

const storage = temporaryStorage("sanshe-matching-");
afterAll(() => storage.remove());

async function aCampaign() {
  const { fundId, manager } = await createFoundation();
  const campaign = await createCampaign(fundId, manager.id);
  return { fundId, campaign };
}

/** A gift to the campaign that Stripe reports paid at `at`. */
async function giftPaid(fundId: string, campaignId: string, yuan: number, options: { at?: Date; donorUserId?: string; donorEmail?: string } = {}) {
  const donation = await createPendingDonation(fundId, { campaignId, amountFen: BigInt(yuan * 100), donorUserId: options.donorUserId ?? null, donorEmail: options.donorEmail ?? null });
  await handlePaymentEvent(sessionEvent("checkout.session.completed", { id: donation.checkoutSessionId!, amountFen: donation.amountFen, paymentIntentId: `pi_${donation.id}` }, { created: options.at }));
  return donation;
}

const matchedFor = async (donationId: string) => (await db().select().from(matches).where(eq(matches.donationId, donationId))).reduce((s, m) => s + m.amountFen, 0n);

describe("matching (配捐)", () => {
  it("matches a gift 1:1 as its own ledger entry, linked to the donation, and shows it apart on the campaign", async () => {
    const { fundId, campaign } = await aCampaign();
    const pledge = await createPledge(campaign.id, { matcherName: "重庆某建设集团" });
    const gift = await giftPaid(fundId, campaign.id, 50);
    const [match] = await db().select().from(matches).where(eq(matches.donationId, gift.id));
    expect(match).toMatchObject({ pledgeId: pledge.id, amountFen: 5000n });
    const entries = [];
    for await (const e of ledgerEntries(fundId)) entries.push(e);
    const entry = entries.find((e) => e.kind === "match")!;
    expect(entry).toMatchObject({ sourceType: "match", sourceId: match.id, counterparty: "重庆某建设集团" });
    expect(entry.lines).toEqual(expect.arrayContaining([{ account: "matching_receivable", debit: "5000", credit: "0" }, { account: "matching", debit: "0", credit: "5000" }]));
    const money = await campaignFundraising(campaign.id);
    expect(money).toMatchObject({ raisedFen: "5000", matchedFen: "5000", gifts: 1 });
    expect(money.pledges[0]).toMatchObject({ matcherName: "重庆某建设集团", capFen: "100000", remainingFen: "95000" });
  });

  it("takes the match back in proportion when the gift is refunded, once per refund, and frees the pledge for others", async () => {
    const { fundId, campaign } = await aCampaign();
    await createPledge(campaign.id, { capFen: 10_000n, perDonorCapFen: 100_000n, matcherName: "重庆某建设集团" });
    const gift = await giftPaid(fundId, campaign.id, 100);
    expect(await matchedFor(gift.id)).toBe(10_000n);
    const refund = (refundedFen: bigint) => handlePaymentEvent(chargeRefundedEvent({ paymentIntentId: `pi_${gift.id}`, amountFen: 10_000n, amountRefundedFen: refundedFen }));
    await refund(2_500n); // a quarter refunded: a quarter of the match taken back
    await refund(2_500n); // Stripe repeats itself: nothing more
    const [quarter] = await db().select().from(matches).where(eq(matches.donationId, gift.id));
    expect(quarter.reversedFen).toBe(2_500n);
    expect(await balanceOf(db() as never, fundId, ["matching_receivable"])).toBe(7_500n);
    await refund(10_000n); // then the rest
    const [whole] = await db().select().from(matches).where(eq(matches.donationId, gift.id));
    expect(whole.reversedFen).toBe(10_000n);
    expect(await balanceOf(db() as never, fundId, ["matching_receivable"])).toBe(0n);
    const entries = [];
    for await (const e of ledgerEntries(fundId)) entries.push(e);
    expect(entries.filter((e) => e.kind === "match_reversal").map((e) => e.lines.find((l) => l.account === "matching")!.debit)).toEqual(["2500", "7500"]);
    expect(entries.find((e) => e.kind === "match")).toBeDefined(); // the original match stays
    expect(verifyChain(entries).intact).toBe(true);
    expect((await campaignFundraising(campaign.id)).matchedFen).toBe("0");
    // The pledge's cap is free again for the next donor.
    const next = await giftPaid(fundId, campaign.id, 100);
    expect(await matchedFor(next.id)).toBe(10_000n);
  });

  it("takes the whole match back when a manager refunds the whole gift by hand", async () => {
    const { fundId, manager } = await createFoundation();
    const campaign = await createCampaign(fundId, manager.id);
    await createPledge(campaign.id, { capFen: 100_000n, perDonorCapFen: 100_000n });
    const gift = await giftPaid(fundId, campaign.id, 80);
    await fundMoneyIn(fundId, 1_000n); // Stripe's fee came off the gift: the fund tops up to refund it whole
    const { refundId } = await recordRefund({ actor: await actorOf(manager), fundId, input: { targetType: "donation", targetId: gift.id, amount: 8_000n, reason: "捐赠人误捐，全额退还" }, evidence: { bytes: jpegBytes(), contentType: "image/jpeg" } });
    // A second person approves it; only then is it posted and the match taken back.
    const checker = await createUser();
    await db().insert(fundRoles).values({ fundId, userId: checker.id, role: "supervisor" });
    await decideRefund({ actor: await actorOf(checker), input: { refundId, decision: "approve" } });
    const [match] = await db().select().from(matches).where(eq(matches.donationId, gift.id));
    expect(match.reversedFen).toBe(match.amountFen);
    expect(await balanceOf(db() as never, fundId, ["matching_receivable"])).toBe(0n);
  });

  it("matches at the pledge's ratio and stops at its cap", async () => {
    const { fundId, campaign } = await aCampaign();
    await createPledge(campaign.id, { ratioNumerator: 1, ratioDenominator: 2, capFen: 5_000n, perDonorCapFen: 100_000n });
    const first = await giftPaid(fundId, campaign.id, 60);
    const second = await giftPaid(fundId, campaign.id, 60);
    const third = await giftPaid(fundId, campaign.id, 60);
    expect([await matchedFor(first.id), await matchedFor(second.id), await matchedFor(third.id)]).toEqual([3000n, 2000n, 0n]);
    expect((await campaignFundraising(campaign.id)).pledges[0].remainingFen).toBe("0");
  });

  it("matches a gift made the second the pledge opens, and not one made the second it ends", async () => {
    const { fundId, campaign } = await aCampaign();
    const startsAt = new Date("2026-09-09T00:00:00+08:00");
    const endsAt = new Date("2026-09-10T00:00:00+08:00");
    await createPledge(campaign.id, { startsAt, endsAt, perDonorCapFen: 100_000n });
    const atStart = await giftPaid(fundId, campaign.id, 10, { at: startsAt });
    const lastSecond = await giftPaid(fundId, campaign.id, 10, { at: new Date(endsAt.getTime() - 1000) });
    const atEnd = await giftPaid(fundId, campaign.id, 10, { at: endsAt });
    const before = await giftPaid(fundId, campaign.id, 10, { at: new Date(startsAt.getTime() - 1000) });
    expect([await matchedFor(atStart.id), await matchedFor(lastSecond.id), await matchedFor(atEnd.id), await matchedFor(before.id)]).toEqual([1000n, 1000n, 0n, 0n]);
  });

  it("holds one donor to the per-donor cap across split gifts, by account or by email", async () => {
    const { fundId, campaign } = await aCampaign();
    await createPledge(campaign.id, { perDonorCapFen: 3_000n });
    const donor = await createUser();
    const a = await giftPaid(fundId, campaign.id, 20, { donorUserId: donor.id });
    const b = await giftPaid(fundId, campaign.id, 20, { donorUserId: donor.id });
    const c = await giftPaid(fundId, campaign.id, 20, { donorUserId: donor.id });
    const guest1 = await giftPaid(fundId, campaign.id, 25, { donorEmail: "he@example.cn" });
    const guest2 = await giftPaid(fundId, campaign.id, 25, { donorEmail: "HE@example.cn" });
    const someoneElse = await giftPaid(fundId, campaign.id, 20);
    expect([a, b, c, guest1, guest2, someoneElse].length).toBe(6);
    expect(await Promise.all([a, b, c, guest1, guest2, someoneElse].map((d) => matchedFor(d.id)))).toEqual([2000n, 1000n, 0n, 2500n, 500n, 2000n]);
  });

  it("never matches beyond the cap when many donors give at once, and the chain stays whole", async () => {
    const { fundId, campaign } = await aCampaign();
    const pledge = await createPledge(campaign.id, { capFen: 30_000n });
    const gifts = await Promise.all(Array.from({ length: 20 }, () => createPendingDonation(fundId, { campaignId: campaign.id, amountFen: 5000n })));
    await Promise.all(gifts.map((d) => handlePaymentEvent(sessionEvent("checkout.session.completed", { id: d.checkoutSessionId!, amountFen: d.amountFen, paymentIntentId: `pi_${d.id}` }))));
    const all = await db().select().from(matches).where(eq(matches.pledgeId, pledge.id));
    expect(all.reduce((s, m) => s + m.amountFen, 0n)).toBe(30_000n);
    expect(all).toHaveLength(6);
    expect(await db().transaction((tx) => balanceOf(tx, fundId, ["matching_receivable"]))).toBe(30_000n);
    const entries = [];
    for await (const e of ledgerEntries(fundId)) entries.push(e);
    expect(verifyChain(entries)).toMatchObject({ intact: true });
  });

  it("does not match a gift to the fund outside any campaign", async () => {
    const { fundId, campaign } = await aCampaign();
    await createPledge(campaign.id);
    const gift = await createPendingDonation(fundId, { amountFen: 5000n });
    await handlePaymentEvent(sessionEvent("checkout.session.completed", { id: gift.checkoutSessionId!, amountFen: 5000n, paymentIntentId: `pi_${gift.id}` }));
    expect(await matchedFor(gift.id)).toBe(0n);
  });
});
