// What an option would spend if it wins: the fund and the ceiling residents see while they vote.
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";

export interface OptionSpendProps {
  spend: { fundName: string; ceilingFen: string } | null;
}

/** "从 桃花桥社区微基金 支出，不超过 ¥3,000.00"; nothing for an option that spends nothing. */
export function OptionSpend({ spend }: OptionSpendProps) {
  const t = useT();
  if (!spend) return null;
  return <small className="muted option-spend">{t("deliberations.spendLine", { fund: spend.fundName, amount: formatFen(BigInt(spend.ceilingFen)) })}</small>;
}

/** A deliberation's options, each with what it would spend. */
export function OptionList({ options }: { options: ({ id: string; label: string } & OptionSpendProps)[] }) {
  return (
    <ul>
      {options.map((o) => (
        <li key={o.id}>
          {o.label} <OptionSpend spend={o.spend} />
        </li>
      ))}
    </ul>
  );
}
