// The project's chain as an ordered list: when, what happened, and a link to the page that shows it
// (the need, the vote, the selection, the milestone, the ledger entry). Long titles wrap on a phone.
import { Link } from "@remix-run/react";
import type { TimelineStepView } from "~/domains/projects/timeline";
import { useLocale, useT } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";

export function ProjectTimeline({ steps, headingId = "project-timeline" }: { steps: TimelineStepView[]; headingId?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("timeline.heading")}</h2>
      {steps.length === 0 ? (
        <p className="muted">{t("timeline.empty")}</p>
      ) : (
        <ol className="timeline" style={{ paddingInlineStart: "1.5em", overflowWrap: "anywhere" }}>
          {steps.map((step, i) => {
            const title = t(step.title, step.params);
            return (
              <li key={`${step.kind}-${i}`} style={{ marginBottom: 8 }}>
                <time dateTime={new Date(step.at).toISOString()} className="muted" style={{ display: "block", fontSize: "0.9rem" }}>
                  {formatDateTime(step.at, locale)}
                </time>
                {step.href ? <Link to={step.href}>{title}</Link> : <span>{title}</span>}
                {step.detail ? <div className="muted">{t(step.detail, step.params)}</div> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
