// A proposal read back: budget, team (certified social workers marked), milestones and answers.
import { formatFen } from "~/utils/money";
import { useT } from "~/utils/i18n";

export interface ProposalParts {
  budget: { id: string; category: string; description: string; amountFen: bigint }[];
  team: { id: string; name: string; role: string; certified: boolean }[];
  milestones: { id: string; title: string; dueDate: string; paymentShareBp: number; deliverables: { indicator: string; target: number; unit: string }[] }[];
  answers: { questionId: string; answer: string }[];
}

export const share = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;

export function ProposalSummary({ parts, questions }: { parts: ProposalParts; questions: { id: string; text: string }[] }) {
  const t = useT();
  return (
    <>
      <h3>{t("proposals.budgetLegend")}</h3>
      <ul>
        {parts.budget.map((b) => (
          <li key={b.id}>
            {t(`proposals.category.${b.category}`)} · {b.description} · {formatFen(b.amountFen)}
          </li>
        ))}
      </ul>
      <h3>{t("proposals.teamLegend")}</h3>
      <ul>
        {parts.team.map((m) => (
          <li key={m.id}>
            {m.name} · {m.role}
            {m.certified ? <span className="badge">{t("proposals.certified")}</span> : null}
          </li>
        ))}
      </ul>
      <h3>{t("proposals.milestonesLegend")}</h3>
      <MilestoneList milestones={parts.milestones} />
      {questions.length ? <h3>{t("proposals.answersLegend")}</h3> : null}
      <dl>
        {questions.map((q) => (
          <div key={q.id}>
            <dt>{q.text}</dt>
            <dd>{parts.answers.find((a) => a.questionId === q.id)?.answer ?? "—"}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function MilestoneList({ milestones }: { milestones: { id: string; title: string; dueDate: string; paymentShareBp: number; amountFen?: bigint; status?: string; deliverables: { indicator: string; target: number; unit: string }[] }[] }) {
  const t = useT();
  return (
    <ol>
      {milestones.map((m) => (
        <li key={m.id}>
          <strong>{m.title}</strong> · {m.dueDate} · {share(m.paymentShareBp)}
          {m.amountFen !== undefined ? ` · ${formatFen(m.amountFen)}` : null}
          {m.status ? <span className="badge">{t(`proposals.milestoneStatus.${m.status}`)}</span> : null}
          <br />
          {m.deliverables.map((d) => `${d.indicator} ${d.target} ${d.unit}`).join("；")}
        </li>
      ))}
    </ol>
  );
}
