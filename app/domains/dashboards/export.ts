// A dashboard as CSV: one row per figure, long and narrow (figure, community, item, value), so a
// spreadsheet can pivot it any way. Only aggregates: no resident, household or beneficiary name, no
// rating comment. Text that a provider or a community typed (a beneficiary group, a project title)
// is neutralised so a spreadsheet never runs it as a formula.
import { translate, type Locale } from "~/locales";
import type { DashboardFigures } from "./queries.server";
import { PROJECT_STATUSES, tenthsText } from "./schemas";

export const DASHBOARD_CSV_HEADER = ["figure", "community", "item", "value"] as const;

/** A cell as text: quoted when it must be; a leading = + - @ (or tab, CR) gets an apostrophe (OWASP's advice). */
export function csvCell(value: string | number | bigint): string {
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole CSV, with a byte-order mark so that spreadsheet programs read the Chinese as UTF-8. */
export function dashboardCsv(figures: DashboardFigures, locale: Locale): string {
  const t = (key: string) => translate(locale, key);
  const names = new Map(figures.byCommunity.map((c) => [c.communityId, c.name]));
  const rows: (string | number | bigint)[][] = [];
  for (const c of figures.byCommunity) {
    for (const status of PROJECT_STATUSES) rows.push(["projects", c.name, t(`proposals.projectStatus.${status}`), c.projects[status]]);
    rows.push(["paid_fen", c.name, "", c.paidFen], ["payable_fen", c.name, "", c.payableFen]);
  }
  for (const m of figures.moneyByCommunityCategory) {
    const category = t(`needs.category.${m.category}`);
    rows.push(["paid_fen", names.get(m.communityId) ?? "", category, m.paidFen], ["payable_fen", names.get(m.communityId) ?? "", category, m.payableFen]);
  }
  for (const c of figures.byCommunity) rows.push(["beneficiaries", c.name, "", c.beneficiaries]);
  for (const b of figures.beneficiariesByCommunityGroup) rows.push(["beneficiaries", names.get(b.communityId) ?? "", b.group, b.count]);
  for (const c of figures.byCommunity) {
    rows.push(["service_hours", c.name, "", tenthsText(c.serviceHoursTenths)]);
    rows.push(["average_rating", c.name, "", c.averageRatingTenths === null ? "" : tenthsText(c.averageRatingTenths)], ["ratings", c.name, "", c.ratings]);
  }
  for (const r of figures.ratingsByProject) {
    rows.push(["average_rating", names.get(r.communityId) ?? "", r.title, tenthsText(r.averageTenths)], ["ratings", names.get(r.communityId) ?? "", r.title, r.count]);
  }
  for (const c of figures.byCommunity) rows.push(["overdue_milestones", c.name, "", c.overdue]);
  return `\uFEFF${[DASHBOARD_CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
