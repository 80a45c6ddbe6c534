// An organisation's public reputation: the score, each part it is made of, and the sum written out,
// so a reader can check it rather than trust it (docs/decisions/0009-reputation.md).
import { REPUTATION_PRIOR, type Reputation } from "~/domains/reputation/reputation";
import { useT } from "~/utils/i18n";

export function ReputationCard({ reputation }: { reputation: Reputation | null }) {
  const t = useT();
  return (
    <section aria-labelledby="reputation-heading">
      <h2 id="reputation-heading">{t("reputation.title")}</h2>
      {reputation === null ? (
        <p className="muted">{t("reputation.none")}</p>
      ) : (
        <div className="card">
          <dl>
            <dt>{t("reputation.score")}</dt>
            <dd>
              <strong>{t("reputation.outOf", { score: reputation.score })}</strong>
            </dd>
            <dt>{t("reputation.projects")}</dt>
            <dd>{t("reputation.projectsCount", { count: reputation.projectsCompleted })}</dd>
            <dt>{t("reputation.indicators")}</dt>
            <dd>{`${reputation.indicatorsAchievedPct}%`}</dd>
            <dt>{t("reputation.onTime")}</dt>
            <dd>{`${reputation.onTimePct}%`}</dd>
            <dt>{t("reputation.budget")}</dt>
            <dd>{t("reputation.budgetValue", { executed: reputation.budgetExecutedPct, discipline: reputation.budgetDisciplinePct })}</dd>
            <dt>{t("reputation.rating")}</dt>
            <dd>
              {reputation.averageRatingTenths === null
                ? t("reputation.noRatings")
                : t("reputation.ratingValue", { stars: (reputation.averageRatingTenths / 10).toFixed(1), count: reputation.ratingsCount })}
            </dd>
          </dl>
          <p className="muted">
            {t("reputation.how", { weighted: reputation.weightedScore, prior: REPUTATION_PRIOR.score, priorProjects: REPUTATION_PRIOR.projects, score: reputation.score })}
          </p>
        </div>
      )}
    </section>
  );
}
