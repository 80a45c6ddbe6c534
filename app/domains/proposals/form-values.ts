// A stored proposal as the form's default values (amounts as fen strings: the form shows yuan).
interface Deliverable {
  indicator: string;
  target: number;
  unit: string;
}

/** What the proposal form shows and posts back: amounts as fen strings, answers by question id. */
export interface ProposalFormValues {
  approach: string;
  totalFen: string | null;
  budget: { category: string; description: string; amountFen: string }[];
  team: { userId: string | null; name: string; role: string }[];
  milestones: { title: string; dueDate: string; paymentShareBp: number; deliverables: Deliverable[] }[];
  answers: Record<string, string>;
}

export function formValuesOf(view: {
  proposal: { approach: string; totalFen: bigint };
  budget: { category: string; description: string; amountFen: bigint }[];
  team: { userId: string | null; name: string; role: string }[];
  milestones: ProposalFormValues["milestones"];
  answers: { questionId: string; answer: string }[];
}): ProposalFormValues {
  return {
    approach: view.proposal.approach,
    totalFen: view.proposal.totalFen > 0n ? view.proposal.totalFen.toString() : null,
    budget: view.budget.map((b) => ({ category: b.category, description: b.description, amountFen: b.amountFen.toString() })),
    team: view.team.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
    milestones: view.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, paymentShareBp: m.paymentShareBp, deliverables: m.deliverables })),
    answers: Object.fromEntries(view.answers.map((a) => [a.questionId, a.answer])),
  };
}
