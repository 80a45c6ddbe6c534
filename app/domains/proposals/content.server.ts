// Reading and writing a proposal's parts (budget lines, team, milestones, answers) as one piece.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "@db/client";
import { memberships, proposalAnswers, proposalBudgetLines, proposalMilestones, proposalTeamMembers, serviceNeedQuestions, socialWorkerCertificates } from "@db/schema";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { ProposalContent } from "./completeness";
import type { ProposalInput } from "./schemas";

export async function questionIdsOf(conn: DbOrTx, serviceNeedId: string) {
  const rows = await conn.select({ id: serviceNeedQuestions.id }).from(serviceNeedQuestions).where(eq(serviceNeedQuestions.serviceNeedId, serviceNeedId));
  return rows.map((r) => r.id);
}

/** Replaces the parts of a proposal with the input; team members of the organisation carry their certificate. */
export async function writeContent(tx: Tx, proposal: { id: string; orgId: string; serviceNeedId: string }, input: ProposalInput) {
  const memberIds = input.team.map((m) => m.userId).filter((id): id is string => !!id);
  const members = memberIds.length
    ? await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, proposal.orgId), inArray(memberships.userId, memberIds)))
    : [];
  const unknown = input.team.findIndex((m) => m.userId && !members.some((r) => r.userId === m.userId));
  if (unknown >= 0) throw badInput({ [`team.${unknown}.userId`]: "proposals.notAMember" });
  const certified = memberIds.length
    ? await tx
        .select({ userId: socialWorkerCertificates.userId })
        .from(socialWorkerCertificates)
        .where(and(eq(socialWorkerCertificates.orgId, proposal.orgId), eq(socialWorkerCertificates.status, "verified"), inArray(socialWorkerCertificates.userId, memberIds)))
    : [];

  const questionIds = await questionIdsOf(tx, proposal.serviceNeedId);
  const answers = Object.entries(input.answers).filter(([id, answer]) => questionIds.includes(id) && answer.trim());

  for (const table of [proposalBudgetLines, proposalTeamMembers, proposalMilestones, proposalAnswers]) await tx.delete(table).where(eq(table.proposalId, proposal.id));
  if (input.budget.length)
    await tx.insert(proposalBudgetLines).values(input.budget.map((l) => ({ id: newId(), proposalId: proposal.id, category: l.category, description: l.description, amountFen: l.amount })));
  if (input.team.length)
    await tx.insert(proposalTeamMembers).values(
      input.team.map((m) => ({ id: newId(), proposalId: proposal.id, userId: m.userId || null, name: m.name, role: m.role, certified: !!m.userId && certified.some((c) => c.userId === m.userId) })),
    );
  if (input.milestones.length)
    await tx.insert(proposalMilestones).values(
      input.milestones.map((m, position) => ({ id: newId(), proposalId: proposal.id, position, title: m.title, dueDate: m.dueDate, paymentShareBp: m.share, deliverables: m.deliverables })),
    );
  if (answers.length) await tx.insert(proposalAnswers).values(answers.map(([questionId, answer]) => ({ proposalId: proposal.id, questionId, answer })));
  return { questionIds, totalFen: input.total ?? input.budget.reduce((s, l) => s + l.amount, 0n) };
}

/** The stored parts, in the shape the completeness rules read. */
export async function readContent(conn: DbOrTx, proposal: { id: string; approach: string }): Promise<ProposalContent> {
  const [budget, team, milestones, answers] = await Promise.all([
    conn.select().from(proposalBudgetLines).where(eq(proposalBudgetLines.proposalId, proposal.id)),
    conn.select().from(proposalTeamMembers).where(eq(proposalTeamMembers.proposalId, proposal.id)),
    conn.select().from(proposalMilestones).where(eq(proposalMilestones.proposalId, proposal.id)).orderBy(asc(proposalMilestones.position)),
    conn.select().from(proposalAnswers).where(eq(proposalAnswers.proposalId, proposal.id)),
  ]);
  return {
    approach: proposal.approach,
    budget: budget.map((l) => ({ amount: l.amountFen })),
    team,
    milestones: milestones.map((m) => ({ dueDate: m.dueDate, share: m.paymentShareBp })),
    answers: Object.fromEntries(answers.map((a) => [a.questionId, a.answer])),
  };
}
