// The chart of accounts every fund has (docs/product.md §5). Codes are what exports and hashes name.
export const ACCOUNTS = {
  cash: "asset", // bank and cash: offline income arrives here, disbursements leave from here
  stripe_clearing: "asset", // money Stripe holds for the fund, before payout
  matching_receivable: "asset", // matched money a matcher has pledged and owes
  donations: "income",
  matching: "income",
  offline_income: "income",
  processing_fees: "expense", // Stripe's fee on each donation
  grants: "expense", // disbursements to payees and projects
  refunds: "expense",
} as const;

export type AccountCode = keyof typeof ACCOUNTS;
export const ACCOUNT_CODES = Object.keys(ACCOUNTS) as AccountCode[];

/** The accounts whose balance is money the fund can spend now. */
export const SPENDABLE: AccountCode[] = ["cash", "stripe_clearing"];
