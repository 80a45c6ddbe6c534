// A community's totals on its public page (居务公开): projects by status, money released, people
// served, residents' average rating and milestones overdue — figures only, never a person.
import type { CommunityTotals as Totals } from "~/domains/dashboards/queries.server";
import { PROJECT_STATUSES, tenthsText } from "~/domains/dashboards/schemas";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";

export interface Stat {
  label: string;
  value: string;
  note?: string;
}

/** Headline figures as a list of term and value, in cards that wrap on a phone. */
export function StatList({ stats }: { stats: Stat[] }) {
  return (
    <dl className="grid" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))" }}>
      {stats.map((s) => (
        <div key={s.label} className="card" style={{ margin: 0 }}>
          <dt className="muted">{s.label}</dt>
          <dd style={{ margin: 0, fontSize: "1.25rem", fontWeight: 700 }}>{s.value}</dd>
          {s.note ? <dd className="muted" style={{ margin: 0 }}>{s.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** "4.3 分（12 次评价）", or "暂无评价". */
export function useRatingText() {
  const t = useT();
  return (averageTenths: number | null, count: number) =>
    averageTenths === null ? t("dashboards.noRating") : t("dashboards.ratingValue", { rating: tenthsText(averageTenths), count });
}

export function CommunityTotals({ totals }: { totals: Totals }) {
  const t = useT();
  const ratingText = useRatingText();
  const projects = PROJECT_STATUSES.reduce((sum, s) => sum + totals.projectsByStatus[s], 0);
  const byStatus = PROJECT_STATUSES.filter((s) => totals.projectsByStatus[s] > 0)
    .map((s) => `${t(`proposals.projectStatus.${s}`)} ${totals.projectsByStatus[s]}`)
    .join(" · ");
  return (
    <section aria-labelledby="community-totals">
      <h2 id="community-totals">{t("dashboards.publicTitle")}</h2>
      {projects === 0 ? (
        <p className="muted">{t("dashboards.publicNone")}</p>
      ) : (
        <>
          <p className="muted">{t("dashboards.publicIntro")}</p>
          <StatList
            stats={[
              { label: t("dashboards.stat.projects"), value: String(projects), note: byStatus },
              { label: t("dashboards.stat.released"), value: formatFen(totals.releasedFen), note: t("dashboards.paidNote", { paid: formatFen(totals.paidFen) }) },
              { label: t("dashboards.stat.beneficiaries"), value: t("dashboards.peopleValue", { count: totals.beneficiaries }) },
              { label: t("dashboards.stat.rating"), value: ratingText(totals.rating.averageTenths, totals.rating.count) },
              { label: t("dashboards.stat.overdue"), value: String(totals.overdueMilestones) },
            ]}
          />
        </>
      )}
    </section>
  );
}
