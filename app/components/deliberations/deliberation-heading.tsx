// The top of a deliberation's page, the same for the public and for staff: the question, its
// status and round, what just happened, and the facts of the vote (window, scope, rules).
import type { ReactNode } from "react";
import { FormError, Notice } from "~/components/ui/field";
import { useLocale, useT } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";

interface Props {
  deliberation: { question: string; status: string; round: number; opensAt: string | Date; closesAt: string | Date; quorumPercent: number; threshold: string };
  scope: { level: string; name: string } | null;
  /** A locale key saying what the last action did. */
  done?: string | null;
  failure?: unknown;
  /** The quorum line, where the page knows the households it counts. */
  quorum?: string;
  children?: ReactNode;
}

export function DeliberationHeading({ deliberation: d, scope, done, failure, quorum, children }: Props) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{d.question}</h1>
      <p>
        <span className={`badge ${d.status === "passed" ? "ok" : d.status === "open" ? "warn" : ""}`}>{t(`deliberations.status.${d.status}`)}</span>{" "}
        {d.round > 1 ? t("deliberations.round", { round: d.round }) : null}
      </p>
      {done ? (
        <Notice>{t(done)}</Notice>
      ) : null}
      <FormError failure={failure} />
      <ul>
        <li>{t("deliberations.window", { opensAt: formatDateTime(d.opensAt, locale), closesAt: formatDateTime(d.closesAt, locale) })}</li>
        {scope ? <li>{t("deliberations.scope", { scope: t(`deliberations.scopeLevel.${scope.level}`, { name: scope.name }) })}</li> : null}
        <li>{quorum ?? t("deliberations.quorumRule", { percent: d.quorumPercent })}</li>
        <li>{t("deliberations.thresholdRule", { rule: t(`deliberations.threshold.${d.threshold}`) })}</li>
        {children}
      </ul>
    </>
  );
}
