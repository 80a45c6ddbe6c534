// The double-entry journal (docs/product.md §5). Entries are immutable and hash-chained per fund; debits
// equal credits per entry, checked by the database at commit (migration "ledger_invariants").
import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, integer } from "drizzle-orm/pg-core";
import { funds } from "./funds";

// asset: cash and money held by Stripe; net_assets: what the fund holds for its purpose (restricted
// per fund); income/expense: donations, matches, offline income, fees, grants paid, refunds.
export const accountType = pgEnum("account_type", ["asset", "liability", "net_assets", "income", "expense"]);

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    code: text("code").notNull(), // cash, stripe_clearing, donations, matching, offline_income, fees, grants, refunds
    type: accountType("type").notNull(),
    // The sums of the account's journal lines, kept by a trigger on journal_lines in the transaction
    // that writes them (lines are never updated or deleted), so a balance is read from one row instead
    // of summed over the whole journal. Still only the ledger's own lines: nobody writes these.
    totalDebitFen: bigint("total_debit_fen", { mode: "bigint" }).notNull().default(sql`0`),
    totalCreditFen: bigint("total_credit_fen", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [uniqueIndex("ledger_accounts_fund_code").on(t.fundId, t.code)],
);

export const journalEntries = pgTable(
  "journal_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    // Position in the fund's chain: 1, 2, 3… without gaps.
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(), // donation, fee, match, offline_income, disbursement, refund
    memo: text("memo").notNull(),
    // What caused it: (donation, id), (match, id), (offline_income, id), (disbursement, id), (refund, event id)…
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    // Shown publicly: the donor's name or 匿名, the payee's name.
    counterparty: text("counterparty").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("journal_entries_fund_seq").on(t.fundId, t.seq),
    // A cause posts once: retries and duplicate webhooks find the entry already there.
    uniqueIndex("journal_entries_source").on(t.sourceType, t.sourceId, t.kind),
    index("journal_entries_fund_time").on(t.fundId, t.occurredAt),
  ],
);

export const journalLines = pgTable(
  "journal_lines",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entryId: bigint("entry_id", { mode: "number" })
      .notNull()
      .references(() => journalEntries.id),
    accountId: text("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    debitFen: bigint("debit_fen", { mode: "bigint" }).notNull().default(sql`0`),
    creditFen: bigint("credit_fen", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [
    index("journal_lines_entry").on(t.entryId),
    index("journal_lines_account").on(t.accountId),
    check("journal_lines_one_side", sql`(${t.debitFen} > 0 and ${t.creditFen} = 0) or (${t.creditFen} > 0 and ${t.debitFen} = 0)`),
  ],
);

export type JournalEntry = typeof journalEntries.$inferSelect;
export type JournalLine = typeof journalLines.$inferSelect;
