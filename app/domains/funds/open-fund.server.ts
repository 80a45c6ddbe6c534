import type { Tx } from "@db/client";
import { fundRoles, funds } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { openAccounts } from "~/domains/ledger/post-entry.server";
import { newId } from "~/utils/ids";

export interface OpenFundInput {
  id?: string;
  kind: "foundation" | "micro_fund" | "sub_fund";
  holderOrgId: string;
  parentFundId?: string | null;
  communityId?: string | null;
  name: string;
  purpose: string;
  spendingRules: string;
  roles: { userId: string; role: "manager" | "accountant" | "supervisor" }[];
}

/** Creates a fund with its chart of accounts and the people who run it, in the caller's transaction. */
export async function openFund(tx: Tx, actorId: string | null, input: OpenFundInput): Promise<string> {
  const id = input.id ?? newId();
  await tx.insert(funds).values({
    id,
    kind: input.kind,
    holderOrgId: input.holderOrgId,
    parentFundId: input.parentFundId ?? null,
    communityId: input.communityId ?? null,
    name: input.name,
    purpose: input.purpose,
    spendingRules: input.spendingRules,
  });
  await openAccounts(tx, id);
  if (input.roles.length) await tx.insert(fundRoles).values(input.roles.map((r) => ({ fundId: id, ...r })));
  await recordAudit(tx, { actorId, action: "fund.open", entityType: "fund", entityId: id, toState: "open", detail: { kind: input.kind, name: input.name } });
  return id;
}
