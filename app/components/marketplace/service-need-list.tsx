// The pieces the marketplace's lists share: a service need's line, its status and budget, the filters.
import { Form, Link, useSearchParams } from "@remix-run/react";
import { SelectField, TextField } from "~/components/ui/field";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { formatFen } from "~/utils/money";
import { useLocale, useT } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";

export function Budget({ min, max }: { min: string | number | bigint; max: string | number | bigint }) {
  const t = useT();
  return <>{t("marketplace.budgetRange", { min: formatFen(BigInt(min)), max: formatFen(BigInt(max)) })}</>;
}

export function ServiceNeedStatus({ status }: { status: string }) {
  const t = useT();
  const tone = status === "published" ? "ok" : status === "withdrawn" ? "" : "warn";
  return <span className={`badge ${tone}`}>{t(`marketplace.status.${status}`)}</span>;
}

export interface ServiceNeedLine {
  id: string;
  title: string;
  excerpt?: string;
  category: string;
  communityName: string;
  budgetMinFen: string | number | bigint;
  budgetMaxFen: string | number | bigint;
  proposalDeadline: string | Date;
  beneficiaryGroup?: string;
  beneficiaryCount?: number;
}

export function ServiceNeedCard({ need, children }: { need: ServiceNeedLine; children?: React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="card">
      <h2 style={{ fontSize: "1.1rem", margin: 0 }}>
        <Link to={`/market/${need.id}`}>{need.title}</Link>
      </h2>
      <p className="row muted" style={{ margin: "4px 0" }}>
        <span className="badge">{t(`needs.category.${need.category}`)}</span>
        <span>{need.communityName}</span>
        <span>
          {t("marketplace.budget")}: <Budget min={need.budgetMinFen} max={need.budgetMaxFen} />
        </span>
        <span>
          {t("marketplace.deadline")}: <time dateTime={new Date(need.proposalDeadline).toISOString()}>{formatDateTime(need.proposalDeadline, locale)}</time>
        </span>
      </p>
      {need.beneficiaryGroup ? <p style={{ margin: "4px 0" }}>{t("marketplace.beneficiariesValue", { group: need.beneficiaryGroup, count: need.beneficiaryCount ?? 0 })}</p> : null}
      {need.excerpt ? <p className="muted" style={{ margin: "4px 0" }}>{need.excerpt}</p> : null}
      {children}
    </li>
  );
}

export function MarketFilters({ places }: { places: { value: string; label: string }[] }) {
  const t = useT();
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) ?? "";
  return (
    <Form method="get" role="search" className="row" style={{ alignItems: "end" }}>
      <TextField name="q" type="search" label={t("marketplace.searchLabel")} defaultValue={value("q")} maxLength={40} />
      <SelectField name="category" label={t("marketplace.category")} defaultValue={value("category")} options={[{ value: "", label: t("marketplace.allCategories") }, ...NEED_CATEGORIES.map((c) => ({ value: c, label: t(`needs.category.${c}`) }))]} />
      <SelectField name="placeId" label={t("marketplace.place")} defaultValue={value("placeId")} options={[{ value: "", label: t("marketplace.allPlaces") }, ...places]} />
      <TextField name="budgetMin" label={t("marketplace.budgetMinFilter")} inputMode="decimal" defaultValue={value("budgetMin")} size={10} />
      <TextField name="budgetMax" label={t("marketplace.budgetMaxFilter")} inputMode="decimal" defaultValue={value("budgetMax")} size={10} />
      <TextField name="deadlineBy" type="date" label={t("marketplace.deadlineBy")} defaultValue={value("deadlineBy")} />
      <button type="submit">{t("marketplace.filter")}</button>
    </Form>
  );
}
