// A donor gives through the pages with no Stripe keys: the local checkout page sends signed
// events through the same webhook handler, and the receipt and the donor's account show the gift.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { donations, journalEntries, journalLines, ledgerAccounts } from "@db/schema";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";
import { createFoundation, createUser, TEST_PASSWORD } from "../factories";
import { useLocalPayments } from "../support/fake-stripe-api";

let app: TestApp;
beforeAll(async () => {
  useLocalPayments();
  app = await startTestApp();
});
afterAll(() => app?.stop());

const path = (res: Response) => new URL(res.headers.get("location") ?? "", "http://x").pathname + new URL(res.headers.get("location") ?? "", "http://x").search;

describe("giving without Stripe keys, through the local checkout page", () => {
  it("a visitor gives ¥50 by WeChat Pay anonymously, sees the receipt, and the ledger shows 匿名", async () => {
    const { fundId, holder } = await createFoundation();
    const visitor = client(app);
    const start = await visitor.post(`/donate/${fundId}`, { preset: "50", name: "何先生", email: "he@example.cn", anonymous: "on", method: "wechat_pay", message: "祝老人们健康" });
    expect(start.status).toBe(302);
    const checkout = path(start);
    expect(checkout).toMatch(/^\/pay\/local\/cs_local_/);
    const page = await visitor.get(checkout);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("¥50.00");

    const paid = await visitor.post(checkout, { method: "wechat_pay", outcome: "pay" });
    expect(paid.status).toBe(302);
    const receipt = await visitor.get(path(paid));
    const html = await receipt.text();
    const [donation] = await db().select().from(donations).where(eq(donations.fundId, fundId));
    expect(donation).toMatchObject({ status: "succeeded", anonymous: true, paymentMethod: "wechat_pay", feeFen: 30n });
    expect(html).toContain(donation.receiptNumber!);
    expect(html).toContain(holder.name);
    expect(html).toContain(holder.creditCode!);
    expect(html).toContain("何先生");
    expect(html).toContain("¥50.00");

    const entries = await db().select().from(journalEntries).where(eq(journalEntries.fundId, fundId));
    expect(entries.map((e) => [e.kind, e.counterparty])).toEqual([["donation", "匿名"]]);
    // Stripe's fee (0.6%) is an expense line of the gift's own entry; the rest is what Stripe holds.
    const lines = await db()
      .select({ account: ledgerAccounts.code, debit: journalLines.debitFen, credit: journalLines.creditFen })
      .from(journalLines)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
      .where(eq(journalLines.entryId, entries[0].id));
    expect(lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["donations", 0n, 5000n],
      ["processing_fees", 30n, 0n],
      ["stripe_clearing", 4970n, 0n],
    ]);

    // The public ledger shows the gift and the fee taken from it.
    expect(await (await visitor.get(`/funds/${fundId}/ledger`)).text()).toContain("捐赠 ¥50.00，已扣支付手续费 ¥0.30");

    // Paying the same session again changes nothing.
    await visitor.post(checkout, { method: "wechat_pay", outcome: "pay" });
    expect(await db().$count(journalEntries, eq(journalEntries.fundId, fundId))).toBe(1);
  });

  it("shows a receipt only to its donor or the holder of its checkout session", async () => {
    const { fundId } = await createFoundation();
    const donor = await createUser({ name: "刘阿姨" });
    const browser = await signedIn(app, donor.phone!, TEST_PASSWORD);
    const checkout = path(await browser.post(`/donate/${fundId}`, { preset: "100", method: "card" }));
    await browser.post(checkout, { method: "card", outcome: "pay" });
    const [donation] = await db().select().from(donations).where(eq(donations.fundId, fundId));
    expect(donation).toMatchObject({ donorUserId: donor.id, donorName: "刘阿姨", status: "succeeded" });

    expect((await browser.get(`/receipts/${donation.id}`)).status).toBe(200);
    const mine = await (await browser.get("/account/donations")).text();
    expect(mine).toContain(donation.receiptNumber!);
    expect((await client(app).get(`/receipts/${donation.id}`)).status).toBe(404);
    const stranger = await signedIn(app, (await createUser()).phone!, TEST_PASSWORD);
    expect((await stranger.get(`/receipts/${donation.id}`)).status).toBe(404);
    expect((await stranger.get(`/receipts/${donation.id}?session=cs_local_guess`)).status).toBe(404);
  });

  it("a donor who cancels at checkout is sent back with nothing given; a failed wallet payment records nothing", async () => {
    const { fundId } = await createFoundation();
    const visitor = client(app);
    const checkout = path(await visitor.post(`/donate/${fundId}`, { preset: "20", name: "王大爷", method: "alipay" }));
    const back = await visitor.post(checkout, { method: "alipay", outcome: "cancel" });
    expect(path(back)).toBe(`/donate/${fundId}?cancelled=1`);
    expect(await (await visitor.get(path(back))).text()).toContain("您已取消支付");

    const failed = await visitor.post(checkout, { method: "alipay", outcome: "fail" });
    expect(await (await visitor.get(path(failed))).text()).toContain("支付没有成功");
    const [donation] = await db().select().from(donations).where(eq(donations.fundId, fundId));
    expect(donation.status).toBe("failed");
    expect(await db().$count(journalEntries, eq(journalEntries.fundId, fundId))).toBe(0);
  });

  it("answers bad input with Chinese messages beside the fields, never a 500", async () => {
    const { fundId } = await createFoundation();
    const visitor = client(app);
    const tooSmall = await visitor.post(`/donate/${fundId}`, { preset: "custom", customAmount: "1", name: "何先生", method: "card" });
    expect(tooSmall.status).toBe(422);
    expect(await tooSmall.text()).toContain("donations.amountTooSmall");
    const junk = await visitor.post(`/donate/${fundId}`, { preset: "50", method: "paypal", anonymous: "yes", email: "not-an-email" });
    expect(junk.status).toBe(422);
    const noName = await visitor.post(`/donate/${fundId}`, { preset: "50", method: "card" });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain("donations.nameRequired");
    const monthlyGuest = await visitor.post(`/donate/${fundId}`, { preset: "50", name: "何先生", method: "card", monthly: "on" });
    expect(monthlyGuest.status).toBe(401);
    expect((await visitor.get(`/donate/no-such-fund`)).status).toBe(404);
    expect((await visitor.get(`/donate/${fundId}?campaign=nope`)).status).toBe(404);
    expect((await visitor.get(`/pay/local/cs_local_nope`)).status).toBe(404);
    expect((await visitor.post(`/pay/local/cs_local_nope`, { method: "card", outcome: "pay" })).status).toBe(404);
    expect(await db().$count(donations, eq(donations.fundId, fundId))).toBe(0);
  });

  it("shows the donation page with the fund holder's full name and credit code", async () => {
    const { fundId, holder } = await createFoundation();
    const html = await (await client(app).get(`/donate/${fundId}`)).text();
    expect(html).toContain(holder.name);
    expect(html).toContain(holder.creditCode!);
    expect(html).toContain("微信支付");
  });
});
