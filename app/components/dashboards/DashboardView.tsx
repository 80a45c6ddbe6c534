// The body of a dashboard, for one community's staff or for a street's: filters, headline figures,
// charts with their data tables, overdue milestones, and (for a street) the communities side by side.
import { Form, Link, useLocation } from "@remix-run/react";
import { SelectField, TextField } from "~/components/ui/field";
import type { DashboardFigures } from "~/domains/dashboards/queries.server";
import { PROJECT_STATUSES, tenthsText, type DashboardFilter } from "~/domains/dashboards/schemas";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { BarChart, type Bar } from "./BarChart";
import { StatList, useRatingText } from "./CommunityTotals";


export function DashboardFilters(props: { filter: DashboardFilter; communities?: { id: string; name: string }[]; csvHref: string }) {
  const t = useT();
  const { filter, communities } = props;
  const { pathname } = useLocation();
  return (
    <>
      <Form method="get" role="search" aria-label={t("dashboards.filters")} className="row" style={{ alignItems: "end" }}>
        <TextField name="from" type="date" label={t("dashboards.from")} defaultValue={filter.from ?? ""} min="2000-01-01" max="2099-12-31" />
        <TextField name="to" type="date" label={t("dashboards.to")} defaultValue={filter.to ?? ""} min="2000-01-01" max="2099-12-31" />
        <SelectField
          name="category"
          label={t("dashboards.category")}
          defaultValue={filter.category ?? ""}
          options={[{ value: "", label: t("dashboards.allCategories") }, ...NEED_CATEGORIES.map((c) => ({ value: c, label: t(`needs.category.${c}`) }))]}
        />
        <SelectField
          name="status"
          label={t("dashboards.status")}
          defaultValue={filter.status ?? ""}
          options={[{ value: "", label: t("dashboards.allStatuses") }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: t(`proposals.projectStatus.${s}`) }))]}
        />
        {communities ? (
          <SelectField
            name="communityId"
            label={t("dashboards.community")}
            defaultValue={filter.communityId ?? ""}
            options={[{ value: "", label: t("dashboards.allCommunities") }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
          />
        ) : null}
        <button type="submit">{t("dashboards.apply")}</button>
        <Link to={pathname}>{t("dashboards.clear")}</Link>
      </Form>
      <p className="muted">{t("dashboards.dateRule")}</p>
      <p>
        {/* A download, not a page: the browser fetches it itself. */}
        <a href={props.csvHref} download>
          {t("dashboards.exportCsv")}
        </a>
      </p>
    </>
  );
}

export function DashboardView({ figures, street }: { figures: DashboardFigures; street: boolean }) {
  const t = useT();
  const ratingText = useRatingText();
  const projects = PROJECT_STATUSES.reduce((sum, s) => sum + figures.projectsByStatus[s], 0);
  const money = (paidFen: bigint, payableFen: bigint, label: string): Bar => ({
    label,
    values: [Number(paidFen), Number(payableFen)],
    cells: [formatFen(paidFen), formatFen(payableFen)],
    summary: formatFen(paidFen + payableFen),
  });
  const one = (label: string, value: number, text: string): Bar => ({ label, values: [value], cells: [text], summary: text });
  const communityName = new Map(figures.byCommunity.map((c) => [c.communityId, c.name]));

  return (
    <>
      <h2>{t("dashboards.summary")}</h2>
      <StatList
        stats={[
          { label: t("dashboards.stat.projects"), value: String(projects) },
          { label: t("dashboards.stat.released"), value: formatFen(figures.money.paidFen + figures.money.payableFen) },
          { label: t("dashboards.stat.paid"), value: formatFen(figures.money.paidFen) },
          { label: t("dashboards.stat.payable"), value: formatFen(figures.money.payableFen) },
          { label: t("dashboards.stat.beneficiaries"), value: t("dashboards.peopleValue", { count: figures.beneficiaries }) },
          { label: t("dashboards.stat.hours"), value: t("dashboards.hoursValue", { hours: tenthsText(figures.serviceHoursTenths) }) },
          { label: t("dashboards.stat.rating"), value: ratingText(figures.rating.averageTenths, figures.rating.count) },
          { label: t("dashboards.stat.overdue"), value: String(figures.overdue.count) },
        ]}
      />

      <h2>{t("dashboards.charts")}</h2>
      <BarChart
        id="chart-status"
        caption={t("dashboards.chart.status")}
        labelHeader={t("dashboards.col.status")}
        series={[t("dashboards.series.projects")]}
        bars={PROJECT_STATUSES.map((s) => one(t(`proposals.projectStatus.${s}`), figures.projectsByStatus[s], String(figures.projectsByStatus[s])))}
      />
      <BarChart
        id="chart-money-category"
        caption={t("dashboards.chart.moneyByCategory")}
        labelHeader={t("dashboards.col.category")}
        series={[t("dashboards.series.paid"), t("dashboards.series.payable")]}
        bars={figures.moneyByCategory.map((m) => money(m.paidFen, m.payableFen, t(`needs.category.${m.category}`)))}
      />
      {street ? (
        <BarChart
          id="chart-money-community"
          caption={t("dashboards.chart.moneyByCommunity")}
          labelHeader={t("dashboards.col.community")}
          series={[t("dashboards.series.paid"), t("dashboards.series.payable")]}
          bars={figures.byCommunity.map((c) => money(c.paidFen, c.payableFen, c.name))}
        />
      ) : null}
      <BarChart
        id="chart-beneficiaries"
        caption={t("dashboards.chart.beneficiaries")}
        labelHeader={t("dashboards.col.group")}
        series={[t("dashboards.series.people")]}
        bars={figures.beneficiariesByGroup.map((b) => one(b.group, b.count, String(b.count)))}
      />
      {street ? (
        <BarChart
          id="chart-rating-community"
          caption={t("dashboards.chart.ratingByCommunity")}
          labelHeader={t("dashboards.col.community")}
          series={[t("dashboards.series.rating"), t("dashboards.series.ratings")]}
          bars={figures.byCommunity
            .filter((c) => c.averageRatingTenths !== null)
            .map((c) => ({ label: c.name, values: [c.averageRatingTenths!], cells: [tenthsText(c.averageRatingTenths!), String(c.ratings)], summary: tenthsText(c.averageRatingTenths!) }))}
        />
      ) : null}
      <BarChart
        id="chart-rating-project"
        caption={t("dashboards.chart.ratingByProject")}
        labelHeader={t("dashboards.col.project")}
        series={[t("dashboards.series.rating"), t("dashboards.series.ratings")]}
        bars={figures.ratingsByProject.map((r) => ({
          label: street ? `${r.title}（${communityName.get(r.communityId) ?? ""}）` : r.title,
          values: [r.averageTenths],
          cells: [tenthsText(r.averageTenths), String(r.count)],
          summary: tenthsText(r.averageTenths),
        }))}
      />

      <h2 id="overdue-milestones">{t("dashboards.overdueTitle")}</h2>
      {figures.overdue.count === 0 ? (
        <p className="muted">{t("dashboards.overdueNone")}</p>
      ) : (
        <>
          {figures.overdue.count > figures.overdue.milestones.length ? <p className="muted">{t("dashboards.overdueMore", { count: figures.overdue.milestones.length })}</p> : null}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="overdue-milestones">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dashboards.col.project")}</th>
                  <th scope="col">{t("dashboards.col.milestone")}</th>
                  <th scope="col">{t("dashboards.col.dueDate")}</th>
                  {street ? <th scope="col">{t("dashboards.col.community")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {figures.overdue.milestones.map((m) => (
                  <tr key={m.milestoneId}>
                    <td>
                      <Link to={`/projects/${m.projectId}`}>{m.projectTitle}</Link>
                    </td>
                    <td>{m.title}</td>
                    <td>{m.dueDate}</td>
                    {street ? <td>{communityName.get(m.communityId)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {street ? <CommunityTable figures={figures} /> : null}
    </>
  );
}

function CommunityTable({ figures }: { figures: DashboardFigures }) {
  const t = useT();
  const ratingText = useRatingText();
  return (
    <>
      <h2 id="by-community">{t("dashboards.byCommunityTitle")}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="by-community">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("dashboards.col.community")}</th>
              <th scope="col">{t("dashboards.stat.projects")}</th>
              <th scope="col">{t("dashboards.stat.paid")}</th>
              <th scope="col">{t("dashboards.stat.payable")}</th>
              <th scope="col">{t("dashboards.stat.beneficiaries")}</th>
              <th scope="col">{t("dashboards.stat.hours")}</th>
              <th scope="col">{t("dashboards.stat.rating")}</th>
              <th scope="col">{t("dashboards.stat.overdue")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byCommunity.map((c) => (
              <tr key={c.communityId}>
                <th scope="row">{c.name}</th>
                <td>{PROJECT_STATUSES.reduce((sum, s) => sum + c.projects[s], 0)}</td>
                <td>{formatFen(c.paidFen)}</td>
                <td>{formatFen(c.payableFen)}</td>
                <td>{c.beneficiaries}</td>
                <td>{tenthsText(c.serviceHoursTenths)}</td>
                <td>{ratingText(c.averageRatingTenths, c.ratings)}</td>
                <td>{c.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
