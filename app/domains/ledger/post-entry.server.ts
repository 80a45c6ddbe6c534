// The only writer of the journal. One entry per cause (source + kind): posting the same cause again
// returns the entry already there, so retried jobs and repeated webhooks never post twice.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { journalEntries, journalLines, ledgerAccounts } from "@db/schema";
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

/**
 * Takes the fund's row lock for the rest of the transaction: entries of one fund are chained in
 * the order their transactions commit, and a balance read under it cannot be spent twice.
 */
export async function lockFund(tx: Tx, fundId: string) {
  const rows = await tx.execute(sql`select id from funds where id = ${fundId} for update`);
  if (rows.length === 0) throw new Error(`no fund ${fundId}`);
}

export async function postEntry(tx: Tx, input: EntryInput): Promise<PostedEntry> {
  for (const line of input.lines) {
    const debit = line.debit ?? 0n;
    const credit = line.credit ?? 0n;
    if (debit < 0n || credit < 0n || (debit > 0n) === (credit > 0n)) throw new Error(`a line has one positive side: ${line.account}`);
  }
  await lockFund(tx, input.fundId);
  const [existing] = await tx
    .select({ id: journalEntries.id, seq: journalEntries.seq, hash: journalEntries.hash })
    .from(journalEntries)
    .where(and(eq(journalEntries.sourceType, input.source.type), eq(journalEntries.sourceId, input.source.id), eq(journalEntries.kind, input.kind)));
  if (existing) return { ...existing, created: false };

  const [last] = await tx
    .select({ seq: journalEntries.seq, hash: journalEntries.hash })
    .from(journalEntries)
    .where(eq(journalEntries.fundId, input.fundId))
    .orderBy(desc(journalEntries.seq))
    .limit(1);
  const chainEntry: ChainEntry = {
    fundId: input.fundId,
    seq: (last?.seq ?? 0) + 1,
    kind: input.kind,
    memo: input.memo,
    sourceType: input.source.type,
    sourceId: input.source.id,
    counterparty: input.counterparty,
    // Millisecond precision: what PostgreSQL keeps of it must be what was hashed.
    occurredAt: new Date(Math.floor((input.occurredAt ?? new Date()).getTime())).toISOString(),
    lines: input.lines.map((l) => ({ account: l.account, debit: String(l.debit ?? 0n), credit: String(l.credit ?? 0n) })),
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = entryHash(chainEntry);
  const [entry] = await tx
    .insert(journalEntries)
    .values({
      fundId: input.fundId,
      seq: chainEntry.seq,
      kind: input.kind,
      memo: input.memo,
      sourceType: input.source.type,
      sourceId: input.source.id,
      counterparty: input.counterparty,
      occurredAt: new Date(chainEntry.occurredAt),
      prevHash: chainEntry.prevHash,
      hash,
    })
    .returning({ id: journalEntries.id });
  await tx.insert(journalLines).values(
    input.lines.map((l) => ({ entryId: entry.id, accountId: accountId(input.fundId, l.account), debitFen: l.debit ?? 0n, creditFen: l.credit ?? 0n })),
  );
  return { id: entry.id, seq: chainEntry.seq, hash, created: true };
}

/** Balance of some of a fund's accounts (debit-positive), summed from the journal lines. */
export async function balanceOf(tx: Tx, fundId: string, codes: AccountCode[]): Promise<bigint> {
  const [row] = await tx
    .select({ balance: sql<string>`coalesce(sum(${journalLines.debitFen} - ${journalLines.creditFen}), 0)::text` })
    .from(journalLines)
    .where(inArray(journalLines.accountId, codes.map((c) => accountId(fundId, c))));
  return BigInt(row?.balance ?? "0");
}

/** Money the fund can spend now: its cash and what Stripe holds for it. */
export const availableBalance = (tx: Tx, fundId: string) => balanceOf(tx, fundId, SPENDABLE);
