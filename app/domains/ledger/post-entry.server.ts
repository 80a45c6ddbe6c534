// The only writer of the journal. One entry per cause (source + kind): posting the same cause again
// returns the entry already there, so retried jobs and repeated webhooks never post twice.
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { ledgerAccounts } from "@db/schema";
import { ACCOUNTS, ACCOUNT_CODES, SPENDABLE, type AccountCode } from "./accounts";
import { entryHash, GENESIS, type ChainEntry } from "./chain";

export const accountId = (fundId: string, code: AccountCode) => `${fundId}:${code}`;

/** Opens a fund's chart of accounts; called when the fund is created (idempotent). */
export async function openAccounts(tx: Tx, fundId: string) {
  await tx
    .insert(ledgerAccounts)
    .values(ACCOUNT_CODES.map((code) => ({ id: accountId(fundId, code), fundId, code, type: ACCOUNTS[code] })))
    .onConflictDoNothing();
}

export interface LineInput {
  account: AccountCode;
  debit?: bigint;
  credit?: bigint;
}

export interface EntryInput {
  fundId: string;
  kind: string;
  memo: string;
  source: { type: string; id: string };
  counterparty: string;
  occurredAt?: Date;
  lines: LineInput[];
}

export interface PostedEntry {
  id: number;
  seq: number;
  hash: string;
  /** False when this cause had already been posted and the existing entry is returned. */
  created: boolean;
}

// The funds a transaction already holds the lock of: a donation and its fee, posted in one
// transaction, take the lock once.
const lockedIn = new WeakMap<Tx, Set<string>>();

/**
 * Takes the fund's row lock for the rest of the transaction: entries of one fund are chained in
 * the order their transactions commit, and a balance read under it cannot be spent twice.
 */
export async function lockFund(tx: Tx, fundId: string) {
  const held = lockedIn.get(tx) ?? new Set<string>();
  if (held.has(fundId)) return;
  const rows = await tx.execute(sql`select id from funds where id = ${fundId} for update`);
  if (rows.length === 0) throw new Error(`no fund ${fundId}`);
  held.add(fundId);
  lockedIn.set(tx, held);
}

export async function postEntry(tx: Tx, input: EntryInput): Promise<PostedEntry> {
  for (const line of input.lines) {
    const debit = line.debit ?? 0n;
    const credit = line.credit ?? 0n;
    if (debit < 0n || credit < 0n || (debit > 0n) === (credit > 0n)) throw new Error(`a line has one positive side: ${line.account}`);
  }
  await lockFund(tx, input.fundId);
  // Read after the lock (a new statement sees every entry committed before it): this cause's entry
  // if it was posted already, and the fund's last entry, in one round trip.
  const [found] = await tx.execute<{ existing_id: string | null; existing_seq: number | null; existing_hash: string | null; last_seq: number | null; last_hash: string | null }>(sql`
    select ex.id as existing_id, ex.seq as existing_seq, ex.hash as existing_hash, last.seq as last_seq, last.hash as last_hash
    from (select 1) one
    left join lateral (
      select id, seq, hash from journal_entries
      where source_type = ${input.source.type} and source_id = ${input.source.id} and kind = ${input.kind}
    ) ex on true
    left join lateral (
      select seq, hash from journal_entries where fund_id = ${input.fundId} order by seq desc limit 1
    ) last on true`);
  if (found?.existing_id) return { id: Number(found.existing_id), seq: Number(found.existing_seq), hash: found.existing_hash!, created: false };

  const chainEntry: ChainEntry = {
    fundId: input.fundId,
    seq: Number(found?.last_seq ?? 0) + 1,
    kind: input.kind,
    memo: input.memo,
    sourceType: input.source.type,
    sourceId: input.source.id,
    counterparty: input.counterparty,
    // Millisecond precision: what PostgreSQL keeps of it must be what was hashed.
    occurredAt: new Date(Math.floor((input.occurredAt ?? new Date()).getTime())).toISOString(),
    lines: input.lines.map((l) => ({ account: l.account, debit: String(l.debit ?? 0n), credit: String(l.credit ?? 0n) })),
    prevHash: found?.last_hash ?? GENESIS,
  };
  const hash = entryHash(chainEntry);
  // The entry and its lines in one statement.
  const lineRows = sql.join(
    input.lines.map((l) => sql`(${accountId(input.fundId, l.account)}, ${String(l.debit ?? 0n)}::bigint, ${String(l.credit ?? 0n)}::bigint)`),
    sql`, `,
  );
  const [entry] = await tx.execute<{ id: string }>(sql`
    with entry as (
      insert into journal_entries (fund_id, seq, kind, memo, source_type, source_id, counterparty, occurred_at, prev_hash, hash)
      values (${input.fundId}, ${chainEntry.seq}, ${input.kind}, ${input.memo}, ${input.source.type}, ${input.source.id},
              ${input.counterparty}, ${chainEntry.occurredAt}::timestamptz, ${chainEntry.prevHash}, ${hash})
      returning id
    ), lines as (
      insert into journal_lines (entry_id, account_id, debit_fen, credit_fen)
      select entry.id, l.account_id, l.debit, l.credit from entry, (values ${lineRows}) as l (account_id, debit, credit)
    )
    select id from entry`);
  return { id: Number(entry.id), seq: chainEntry.seq, hash, created: true };
}

/** Balance of some of a fund's accounts (debit-positive): the sums of their journal lines, kept on the account rows. */
export async function balanceOf(tx: Tx, fundId: string, codes: AccountCode[]): Promise<bigint> {
  const [row] = await tx
    .select({ balance: sql<string>`coalesce(sum(${ledgerAccounts.totalDebitFen} - ${ledgerAccounts.totalCreditFen}), 0)::text` })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, codes.map((c) => accountId(fundId, c))));
  return BigInt(row?.balance ?? "0");
}

/** Money the fund can spend now: its cash and what Stripe holds for it. */
export const availableBalance = (tx: Tx, fundId: string) => balanceOf(tx, fundId, SPENDABLE);
