// Reads for the fund, campaign, ledger and manage pages. Public reads name organisations by full
// name and 统一社会信用代码 and show the journal's own counterparties (匿名 for anonymous donors):
// never a resident's name, phone, email or household. Money leaves here as fen in decimal strings.
import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { db } from "@db/client";
import {
  campaigns,
  deliberationOptions,
  deliberations,
  disbursements,
  donations,
  funds,
  matches,
  matchingPledges,
  needs,
  offlineIncomes,
  organisations,
  refundRequests,
  users,
  type Fund,
} from "@db/schema";
import { campaignFundraising } from "~/domains/donations/queries.server";
import { can, type Actor } from "~/utils/permissions.server";
import { fundOr404, fundRolesOf, type FundRole } from "./access.server";
import { MANUAL_REFUND, REFUND_WINDOW_DAYS } from "./record-refund.server";
import { LEDGER_PAGE_SIZE, type LedgerFilter } from "./schemas";

const fen = (value: string | bigint | number | null | undefined) => String(value ?? 0);

/** Per-account balances of some funds (debit-positive): the sums of their journal lines, kept on the account rows. */
async function accountTotals(fundIds: string[]) {
  if (fundIds.length === 0) return [];
  return db().execute<{ fund_id: string; code: string; type: string; balance: string }>(sql`
    select a.fund_id, a.code, a.type::text as type, (a.total_debit_fen - a.total_credit_fen)::text as balance
    from ledger_accounts a where a.fund_id in ${fundIds}`);
}

export interface FundMoney {
  /** What the fund holds: all its assets (= money in − money out). */
  balance: string;
  /** What it can spend now: cash and what Stripe holds for it. */
  available: string;
  moneyIn: string;
  moneyOut: string;
  byAccount: { code: string; type: string; amount: string }[];
}

function moneyOf(rows: { code: string; type: string; balance: string }[]): FundMoney {
  let balance = 0n;
  let available = 0n;
  let moneyIn = 0n;
  let moneyOut = 0n;
  const byAccount = [];
  for (const r of rows) {
    const b = BigInt(r.balance);
    if (r.type === "asset") balance += b;
    if (r.code === "cash" || r.code === "stripe_clearing") available += b;
    if (r.type === "income") moneyIn -= b;
    if (r.type === "expense") moneyOut += b;
    const shown = r.type === "income" ? -b : b;
    if (shown !== 0n && (r.type === "income" || r.type === "expense")) byAccount.push({ code: r.code, type: r.type, amount: fen(shown) });
  }
  return { balance: fen(balance), available: fen(available), moneyIn: fen(moneyIn), moneyOut: fen(moneyOut), byAccount };
}

async function moneyByFund(fundIds: string[]): Promise<Map<string, FundMoney>> {
  const rows = await accountTotals(fundIds);
  return new Map(fundIds.map((id) => [id, moneyOf(rows.filter((r) => r.fund_id === id))]));
}

/** What one fund holds, can spend, took in and paid out. */
export async function fundMoney(fundId: string): Promise<FundMoney> {
  return (await moneyByFund([fundId])).get(fundId)!;
}

const holderColumns = { id: organisations.id, name: organisations.name, creditCode: organisations.creditCode, kind: organisations.kind };

/** /funds: every fund with its holder and balance; sub-funds are listed under their foundation. */
export async function fundList() {
  const rows = await db()
    .select({ id: funds.id, kind: funds.kind, name: funds.name, purpose: funds.purpose, parentFundId: funds.parentFundId, holder: holderColumns })
    .from(funds)
    .innerJoin(organisations, eq(organisations.id, funds.holderOrgId))
    .orderBy(asc(funds.createdAt));
  const money = await moneyByFund(rows.map((r) => r.id));
  const withMoney = rows.map((r) => ({ ...r, balance: money.get(r.id)!.balance }));
  return withMoney.filter((r) => !r.parentFundId).map((r) => ({ ...r, subFunds: withMoney.filter((s) => s.parentFundId === r.id) }));
}

async function campaignProgress(campaignIds: string[]) {
  if (campaignIds.length === 0) return new Map<string, { raised: string; matched: string }>();
  const raised = await db()
    .select({ campaignId: donations.campaignId, total: sql<string>`coalesce(sum(${donations.amountFen} - ${donations.refundedFen}), 0)::text` })
    .from(donations)
    .where(and(inArray(donations.campaignId, campaignIds), inArray(donations.status, ["succeeded", "refunded"])))
    .groupBy(donations.campaignId);
  const matched = await campaignMatchedFen(campaignIds);
  return new Map(campaignIds.map((id) => [id, { raised: raised.find((r) => r.campaignId === id)?.total ?? "0", matched: matched.get(id) ?? "0" }]));
}

/**
 * MATCHED MONEY SLOT (配捐): what matchers have added to each campaign, read from the matches table
 * (each match is tied to a donation and a pledge). When the donations area offers its own query for
 * matched money, call it here instead.
 */
export async function campaignMatchedFen(campaignIds: string[]): Promise<Map<string, string>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db()
    .select({ campaignId: matchingPledges.campaignId, total: sql<string>`coalesce(sum(${matches.amountFen} - ${matches.reversedFen}), 0)::text` })
    .from(matches)
    .innerJoin(matchingPledges, eq(matchingPledges.id, matches.pledgeId))
    .where(inArray(matchingPledges.campaignId, campaignIds))
    .groupBy(matchingPledges.campaignId);
  return new Map(rows.map((r) => [r.campaignId, r.total]));
}

/** The public fund page, or null. Draft campaigns are shown only to the fund's people. */
export async function fundPage(fundId: string, actor: Actor | null) {
  const [row] = await db().select({ fund: funds, holder: holderColumns }).from(funds).innerJoin(organisations, eq(organisations.id, funds.holderOrgId)).where(eq(funds.id, fundId));
  if (!row) return null;
  const { fund, holder } = row;
  const roles = await fundRolesOf(db(), fund, actor);
  const parent = fund.parentFundId ? ((await db().select({ id: funds.id, name: funds.name }).from(funds).where(eq(funds.id, fund.parentFundId)))[0] ?? null) : null;
  const subFunds = await db().select({ id: funds.id, name: funds.name, purpose: funds.purpose }).from(funds).where(eq(funds.parentFundId, fund.id)).orderBy(asc(funds.createdAt));
  const money = await moneyByFund([fund.id, ...subFunds.map((s) => s.id)]);
  const campaignRows = await db()
    .select({ id: campaigns.id, title: campaigns.title, goalFen: campaigns.goalFen, deadline: campaigns.deadline, status: campaigns.status })
    .from(campaigns)
    .where(and(eq(campaigns.fundId, fund.id), roles.length ? undefined : ne(campaigns.status, "draft")))
    .orderBy(desc(campaigns.createdAt));
  const progress = await campaignProgress(campaignRows.map((c) => c.id));
  const recent = await ledgerRows(fund.id, {}, 10, 0);
  return {
    fund: { id: fund.id, kind: fund.kind, name: fund.name, purpose: fund.purpose, spendingRules: fund.spendingRules, createdAt: fund.createdAt },
    holder,
    parent,
    money: money.get(fund.id)!,
    subFunds: subFunds.map((s) => ({ ...s, balance: money.get(s.id)!.balance })),
    campaigns: campaignRows.map((c) => ({ ...c, goalFen: fen(c.goalFen), ...progress.get(c.id)! })),
    recent: recent.rows,
    canManage: can(actor, "fund.view", { fundRoles: roles }),
  };
}

// ---- the public ledger ------------------------------------------------------------------------

export interface LedgerRow {
  seq: number;
  kind: string;
  memo: string;
  counterparty: string;
  occurredAt: Date;
  /** The entry's effect on what the fund holds (its assets), signed. */
  amount: string;
  /** What the fund holds after this entry. */
  balance: string;
  /** Stripe's fee, an expense line of an online donation's own entry (already taken from `amount`). */
  fee: string;
  link: { type: "deliberation" | "campaign"; id: string; label: string } | { type: "board" | "refund" | "offline_income"; label: string } | null;
}

/** Entries with their running balance, newest first; the balance runs over the whole chain, whatever the filters. */
async function ledgerRows(fundId: string, filter: Omit<LedgerFilter, "page">, limit: number, offset: number) {
  const where = [sql`true`];
  if (filter.kind) where.push(sql`kind = ${filter.kind}`);
  if (filter.from) where.push(sql`occurred_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) where.push(sql`occurred_at < ${new Date(filter.to.getTime() + 24 * 3600_000).toISOString()}::timestamptz`);
  const filtered = sql.join(where, sql` and `);
  // The page first (the index on (fund_id, seq) walks newest first); then the asset movements of the
  // page's entries and everything newer, from the page's oldest seq up (a range the same index
  // serves): the balance after an entry is what the fund holds now (its asset accounts' totals)
  // less what came after it. So a page costs what lies above it, never the whole journal.
  const page = await db().execute<{ seq: number; kind: string; memo: string; counterparty: string; occurred_at: string; source_type: string; source_id: string }>(sql`
    select seq, kind, memo, counterparty, occurred_at, source_type, source_id from journal_entries
    where fund_id = ${fundId} and ${filtered}
    order by seq desc limit ${limit} offset ${offset}`);
  const lowest = page.length ? page[page.length - 1].seq : null;
  const movements =
    lowest === null
      ? []
      : await db().execute<{ seq: number; delta: string; fee: string; balance: string }>(sql`
    with deltas as (
      select e.seq,
        coalesce(sum(case when a.type = 'asset' then l.debit_fen - l.credit_fen else 0 end), 0) as delta,
        coalesce(sum(case when a.code = 'processing_fees' and e.kind = 'donation' then l.debit_fen else 0 end), 0) as fee
      from journal_entries e
      join journal_lines l on l.entry_id = e.id
      join ledger_accounts a on a.id = l.account_id
      where e.fund_id = ${fundId} and e.seq >= ${lowest}
      group by e.seq
    )
    select seq, delta::text, fee::text,
      ((select coalesce(sum(total_debit_fen - total_credit_fen), 0) from ledger_accounts where fund_id = ${fundId} and type = 'asset')
        - coalesce(sum(delta) over (order by seq desc rows between unbounded preceding and 1 preceding), 0))::text as balance
    from deltas`);
  const bySeq = new Map(movements.map((m) => [Number(m.seq), m]));
  const rows = page.map((p) => ({ ...p, ...bySeq.get(Number(p.seq))! }));
  // Unfiltered, the count is the last seq (a fund's chain has no gaps); filtered, it is counted.
  const unfiltered = where.length === 1;
  const [{ total }] = await db().execute<{ total: number }>(
    unfiltered
      ? sql`select coalesce(max(seq), 0)::int as total from journal_entries where fund_id = ${fundId}`
      : sql`select count(*)::int as total from journal_entries where fund_id = ${fundId} and ${filtered}`,
  );
  const links = await linksOf(rows);
  return {
    total,
    rows: rows.map(
      (r): LedgerRow => ({
        seq: r.seq,
        kind: r.kind,
        memo: r.memo,
        counterparty: r.counterparty,
        occurredAt: new Date(r.occurred_at),
        amount: r.delta,
        fee: r.fee,
        balance: r.balance,
        link: links.get(`${r.source_type}:${r.source_id}`) ?? null,
      }),
    ),
  };
}

/** What each entry is linked to: the deliberation or resolution behind a disbursement, a donation's campaign. */
async function linksOf(rows: { source_type: string; source_id: string }[]) {
  const ids = (type: string) => rows.filter((r) => r.source_type === type).map((r) => r.source_id);
  const out = new Map<string, LedgerRow["link"]>();
  const paid = ids("disbursement");
  if (paid.length) {
    const list = await db()
      .select({ id: disbursements.id, deliberationId: disbursements.deliberationId, question: deliberations.question, boardResolution: disbursements.boardResolution })
      .from(disbursements)
      .leftJoin(deliberations, eq(deliberations.id, disbursements.deliberationId))
      .where(inArray(disbursements.id, paid));
    for (const d of list) {
      out.set(`disbursement:${d.id}`, d.deliberationId ? { type: "deliberation", id: d.deliberationId, label: d.question ?? "" } : { type: "board", label: d.boardResolution ?? "" });
    }
  }
  const given = [...ids("donation"), ...ids("fee")];
  if (given.length) {
    const list = await db()
      .select({ id: donations.id, campaignId: campaigns.id, title: campaigns.title })
      .from(donations)
      .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
      .where(and(inArray(donations.id, given), ne(campaigns.status, "draft")));
    for (const d of list) {
      const link = { type: "campaign" as const, id: d.campaignId, label: d.title };
      out.set(`donation:${d.id}`, link);
      out.set(`fee:${d.id}`, link);
    }
  }
  for (const r of rows) {
    if (r.source_type === MANUAL_REFUND) out.set(`${r.source_type}:${r.source_id}`, { type: "refund", label: r.source_id.split("/")[0] });
    if (r.source_type === "offline_income") out.set(`offline_income:${r.source_id}`, { type: "offline_income", label: "" });
  }
  return out;
}

/** /funds/<id>/ledger: one page of the filtered ledger, or null for no such fund. */
export async function ledgerPage(fundId: string, filter: LedgerFilter) {
  const [fund] = await db().select({ id: funds.id, name: funds.name, kind: funds.kind }).from(funds).where(eq(funds.id, fundId));
  if (!fund) return null;
  const page = filter.page ?? 1;
  const { rows, total } = await ledgerRows(fundId, filter, LEDGER_PAGE_SIZE, (page - 1) * LEDGER_PAGE_SIZE);
  return { fund, rows, total, page, pages: Math.max(1, Math.ceil(total / LEDGER_PAGE_SIZE)), money: await fundMoney(fundId) };
}

/** The fund's name for the export and verify pages, or null. */
export async function fundName(fundId: string) {
  const [fund] = await db().select({ id: funds.id, name: funds.name }).from(funds).where(eq(funds.id, fundId));
  return fund ?? null;
}

/** The hashes this platform holds for a fund's chain, by position: an uploaded export is compared with them. */
export async function chainHashes(fundId: string): Promise<Map<number, string>> {
  const rows = await db().execute<{ seq: number; hash: string }>(sql`select seq, hash from journal_entries where fund_id = ${fundId} order by seq`);
  return new Map(rows.map((r) => [r.seq, r.hash]));
}

// ---- campaigns --------------------------------------------------------------------------------

/** The public campaign page, or null (a draft is shown to the fund's people only). */
export async function campaignPage(campaignId: string, actor: Actor | null) {
  const [row] = await db()
    .select({ campaign: campaigns, fund: { id: funds.id, name: funds.name, parentFundId: funds.parentFundId, kind: funds.kind }, holder: holderColumns })
    .from(campaigns)
    .innerJoin(funds, eq(funds.id, campaigns.fundId))
    .innerJoin(organisations, eq(organisations.id, funds.holderOrgId))
    .where(eq(campaigns.id, campaignId));
  if (!row) return null;
  const roles = await fundRolesOf(db(), { id: row.fund.id, parentFundId: row.fund.parentFundId }, actor);
  if (row.campaign.status === "draft" && roles.length === 0) return null;
  const c = row.campaign;
  const need = c.needId ? ((await db().select({ id: needs.id, title: needs.title }).from(needs).where(and(eq(needs.id, c.needId), eq(needs.isPublic, true))))[0] ?? null) : null;
  // The payment side's reading of raised and matched money (配捐), and what each pledge has left.
  const money = await campaignFundraising(c.id);
  return {
    campaign: { id: c.id, title: c.title, purpose: c.purpose, goalFen: fen(c.goalFen), deadline: c.deadline, status: c.status, createdAt: c.createdAt },
    fund: { id: row.fund.id, name: row.fund.name },
    holder: row.holder,
    need,
    raised: money.raisedFen,
    matched: money.matchedFen,
    pledges: money.pledges.map((p) => ({ id: p.id, matcherName: p.matcherName, ratioNumerator: p.ratioNumerator, ratioDenominator: p.ratioDenominator, capFen: p.capFen, endsAt: p.endsAt, remaining: p.remainingFen })),
  };
}

// ---- the manage page --------------------------------------------------------------------------

/** Everything the fund's people work with; the caller has checked fund.view. */
export async function manageOverview(fund: Fund, roles: FundRole[], actor: Actor) {
  const recorder = sql<string>`(select ${users.displayName} from ${users} where ${users.id} = ${offlineIncomes.recordedBy})`;
  const decider = sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${offlineIncomes.decidedBy})`;
  const incomeColumns = {
    id: offlineIncomes.id,
    source: offlineIncomes.source,
    payerName: offlineIncomes.payerName,
    description: offlineIncomes.description,
    amountFen: offlineIncomes.amountFen,
    receivedOn: offlineIncomes.receivedOn,
    status: offlineIncomes.status,
    recordedBy: offlineIncomes.recordedBy,
    recorderName: recorder,
    deciderName: decider,
    rejectionReason: offlineIncomes.rejectionReason,
    hasEvidence: sql<boolean>`${offlineIncomes.evidenceKey} is not null`,
    createdAt: offlineIncomes.createdAt,
  };
  const pending = await db().select(incomeColumns).from(offlineIncomes).where(and(eq(offlineIncomes.fundId, fund.id), eq(offlineIncomes.status, "pending"))).orderBy(asc(offlineIncomes.createdAt));
  const decided = await db().select(incomeColumns).from(offlineIncomes).where(and(eq(offlineIncomes.fundId, fund.id), ne(offlineIncomes.status, "pending"))).orderBy(desc(offlineIncomes.decidedAt)).limit(20);
  const disbursementColumns = {
    id: disbursements.id,
    payeeName: disbursements.payeeName,
    purpose: disbursements.purpose,
    amountFen: disbursements.amountFen,
    authority: disbursements.authority,
    boardResolution: disbursements.boardResolution,
    deliberationId: disbursements.deliberationId,
    status: disbursements.status,
    createdBy: disbursements.createdBy,
    proposerName: sql<string>`(select ${users.displayName} from ${users} where ${users.id} = ${disbursements.createdBy})`,
    rejectionReason: disbursements.rejectionReason,
    hasEvidence: sql<boolean>`${disbursements.evidenceKey} is not null`,
    createdAt: disbursements.createdAt,
  };
  const paid = await db().select(disbursementColumns).from(disbursements).where(and(eq(disbursements.fundId, fund.id), ne(disbursements.status, "pending"))).orderBy(desc(disbursements.createdAt)).limit(20);
  const proposed = await db().select(disbursementColumns).from(disbursements).where(and(eq(disbursements.fundId, fund.id), eq(disbursements.status, "pending"))).orderBy(asc(disbursements.createdAt));
  const refunds = await db()
    .select({
      id: refundRequests.id,
      targetType: refundRequests.targetType,
      amountFen: refundRequests.amountFen,
      reason: refundRequests.reason,
      requestedBy: refundRequests.requestedBy,
      proposerName: sql<string>`(select ${users.displayName} from ${users} where ${users.id} = ${refundRequests.requestedBy})`,
      hasEvidence: sql<boolean>`${refundRequests.evidenceKey} is not null`,
      createdAt: refundRequests.createdAt,
    })
    .from(refundRequests)
    .where(and(eq(refundRequests.fundId, fund.id), eq(refundRequests.status, "pending")))
    .orderBy(asc(refundRequests.createdAt));
  const campaignRows = await db().select({ id: campaigns.id, title: campaigns.title, status: campaigns.status, deadline: campaigns.deadline }).from(campaigns).where(eq(campaigns.fundId, fund.id)).orderBy(desc(campaigns.createdAt));
  const as = (rows: typeof pending) => rows.map((r) => ({ ...r, amountFen: fen(r.amountFen), mine: r.recordedBy === actor.userId }));
  return {
    fund: { id: fund.id, name: fund.name, kind: fund.kind, communityId: fund.communityId },
    roles,
    money: await fundMoney(fund.id),
    pending: as(pending),
    decided: as(decided),
    disbursements: paid.map((d) => ({ ...d, amountFen: fen(d.amountFen) })),
    // Money going out that waits for a second person: proposed disbursements and requested refunds.
    pendingOut: [
      ...proposed.map((d) => ({ kind: "disbursement" as const, id: d.id, amountFen: fen(d.amountFen), payeeName: d.payeeName, targetType: null, text: d.purpose, proposerName: d.proposerName, hasEvidence: d.hasEvidence, createdAt: d.createdAt, mine: d.createdBy === actor.userId, deliberationId: d.deliberationId, boardResolution: d.boardResolution })),
      ...refunds.map((r) => ({ kind: "refund" as const, id: r.id, amountFen: fen(r.amountFen), payeeName: null, targetType: r.targetType, text: r.reason, proposerName: r.proposerName, hasEvidence: r.hasEvidence, createdAt: r.createdAt, mine: r.requestedBy === actor.userId, deliberationId: null, boardResolution: null })),
    ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    campaigns: campaignRows,
    may: {
      record: can(actor, "fund.manage", { fundRoles: roles }),
      approve: roles.includes("manager") || roles.includes("supervisor"),
      disburse: can(actor, "fund.disburse", { fundRoles: roles }),
    },
  };
}

/**
 * The choices of the disbursement form: passed deliberations of the fund's community whose winning
 * option spends from this fund, with its ceiling and what is left of it; verified organisations.
 */
export async function disburseChoices(fund: Fund) {
  const used = sql<string>`vote_committed_fen(${deliberations.id})`;
  const decided = fund.communityId
    ? await db()
        .select({ id: deliberations.id, question: deliberations.question, option: deliberationOptions.label, ceilingFen: deliberationOptions.spendCeilingFen, usedFen: sql<string>`${used}::text` })
        .from(deliberations)
        .innerJoin(deliberationOptions, eq(deliberationOptions.id, deliberations.winningOptionId))
        .where(and(eq(deliberations.communityId, fund.communityId), eq(deliberations.status, "passed"), eq(deliberationOptions.spendFundId, fund.id)))
        .orderBy(desc(deliberations.talliedAt))
        .limit(100)
    : [];
  const passed = decided
    .map((d) => ({ id: d.id, question: d.question, option: d.option, ceilingFen: fen(d.ceilingFen), remainingFen: fen(BigInt(d.ceilingFen ?? 0) - BigInt(d.usedFen)) }))
    .filter((d) => BigInt(d.remainingFen) > 0n);
  const orgs = await db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.status, "verified")).orderBy(asc(organisations.name)).limit(500);
  return { deliberations: passed, orgs };
}

/** What a manager may refund: approved offline income and succeeded donations received within the window. */
export async function refundChoices(fund: Fund) {
  const since = new Date(Date.now() - REFUND_WINDOW_DAYS * 24 * 3600_000);
  const incomes = await db()
    .select({ id: offlineIncomes.id, payerName: offlineIncomes.payerName, amountFen: offlineIncomes.amountFen, description: offlineIncomes.description })
    .from(offlineIncomes)
    .where(and(eq(offlineIncomes.fundId, fund.id), eq(offlineIncomes.status, "approved"), gte(offlineIncomes.decidedAt, since)))
    .orderBy(desc(offlineIncomes.decidedAt))
    .limit(100);
  const gifts = await db()
    .select({ id: donations.id, donorName: donations.donorName, amountFen: donations.amountFen, refundedFen: donations.refundedFen })
    .from(donations)
    .where(and(eq(donations.fundId, fund.id), eq(donations.status, "succeeded"), gte(donations.succeededAt, since)))
    .orderBy(desc(donations.succeededAt))
    .limit(100);
  return {
    incomes: incomes.map((i) => ({ ...i, amountFen: fen(i.amountFen) })),
    donations: gifts.map((d) => ({ id: d.id, donorName: d.donorName, amountFen: fen(d.amountFen), refundedFen: fen(d.refundedFen) })),
  };
}

/** Public needs a campaign of this fund may answer: its community's, or any community's for a foundation. */
export async function linkableNeeds(fund: Fund) {
  return db()
    .select({ id: needs.id, title: needs.title })
    .from(needs)
    .where(and(eq(needs.isPublic, true), ne(needs.status, "merged"), fund.communityId ? eq(needs.communityId, fund.communityId) : undefined))
    .orderBy(desc(needs.createdAt))
    .limit(100);
}

/** The stored evidence of an entry of this fund, for its people only; null when there is none. */
export async function evidenceKeyOf(fundId: string, kind: string, id: string): Promise<string | null> {
  const table = kind === "offline_income" ? offlineIncomes : kind === "disbursement" ? disbursements : kind === "refund" ? refundRequests : null;
  if (!table) return null;
  const [row] = await db().select({ key: table.evidenceKey }).from(table).where(and(eq(table.id, id), eq(table.fundId, fundId)));
  return row?.key ?? null;
}

export { fundOr404 };
