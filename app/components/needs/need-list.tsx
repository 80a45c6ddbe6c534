// The pieces every list of needs shares: the search and filter form, the badges, the pager.
import { Form, Link, useSearchParams } from "@remix-run/react";
import { SelectField, TextField } from "~/components/ui/field";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { NEED_STATUSES } from "~/domains/needs/states";
import { SORTS } from "~/domains/needs/schemas";
import { useLocale, useT } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";

export function NeedFilters(props: { places?: { value: string; label: string }[]; statuses?: boolean; defaultStatus?: string }) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <Form method="get" role="search" className="row" style={{ alignItems: "end" }}>
      <TextField name="q" type="search" label={t("needs.search")} placeholder={t("needs.searchPlaceholder")} defaultValue={params.get("q") ?? ""} maxLength={40} />
      <SelectField
        name="category"
        label={t("needs.filterCategory")}
        defaultValue={params.get("category") ?? ""}
        options={[{ value: "", label: t("needs.allCategories") }, ...NEED_CATEGORIES.map((c) => ({ value: c, label: t(`needs.category.${c}`) }))]}
      />
      {props.statuses ? (
        <SelectField
          name="status"
          label={t("needs.filterStatus")}
          defaultValue={params.get("status") ?? props.defaultStatus ?? "all"}
          options={[{ value: "all", label: t("needs.allStatuses") }, ...NEED_STATUSES.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))]}
        />
      ) : null}
      {props.places ? (
        <SelectField name="placeId" label={t("needs.filterPlace")} defaultValue={params.get("placeId") ?? ""} options={[{ value: "", label: t("needs.allPlaces") }, ...props.places]} />
      ) : null}
      <SelectField name="sort" label={t("needs.sort")} defaultValue={params.get("sort") ?? "newest"} options={SORTS.map((s) => ({ value: s, label: t(`needs.sort.${s}`) }))} />
      <button type="submit">{t("needs.searchSubmit")}</button>
    </Form>
  );
}

export function StatusBadge({ status, triage }: { status: string; triage?: string | null }) {
  const t = useT();
  const tone = status === "submitted" ? "warn" : ["withdrawn", "merged", "rejected"].includes(status) ? "" : "ok";
  return (
    <span className="row" style={{ display: "inline-flex", gap: 4 }}>
      <span className={`badge ${tone}`}>{t(`needs.status.${status}`)}</span>
      {triage ? <span className="badge">{t(`needs.triage.${triage}`)}</span> : null}
    </span>
  );
}

/** Previous / next page links that keep the filters. */
export function Pager({ page, hasMore }: { page: number; hasMore: boolean }) {
  const t = useT();
  const [params] = useSearchParams();
  if (page <= 1 && !hasMore) return null;
  const link = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <nav className="row" aria-label={t("needs.pages")}>
      {page > 1 ? <Link to={link(page - 1)}>{t("pager.prev")}</Link> : null}
      <span>{t("needs.page", { page })}</span>
      {hasMore ? <Link to={link(page + 1)}>{t("pager.next")}</Link> : null}
    </nav>
  );
}

/** A need's steps, oldest first; staff also see who took each step. */
export function Timeline({ events, locale }: { events: { id: string; kind: string; toStatus: string | null; note: string | null; at: string | Date; actorName?: string | null }[]; locale: string }) {
  const t = useT();
  if (events.length === 0) return <p className="muted">{t("needs.timelineEmpty")}</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time> {t(`needs.event.${e.kind}`)}
          {e.toStatus ? <> · {t(`needs.status.${e.toStatus}`)}</> : null}
          {e.actorName ? <span className="muted"> · {e.actorName}</span> : null}
          {e.note ? <div className="muted">{e.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}


/** A need's photos as thumbnails, each a link to the full picture. */
export function PhotoGallery({ photos }: { photos: string[] }) {
  const t = useT();
  if (photos.length === 0) return null;
  return (
    <ul className="row" style={{ listStyle: "none", padding: 0 }} aria-label={t("needs.photos")}>
      {photos.map((id, i) => (
        <li key={id}>
          <a href={`/photos/${id}`}>
            <img src={`/photos/${id}`} alt={t("needs.photoAlt", { n: i + 1 })} loading="lazy" style={{ width: 150, height: 150, objectFit: "cover", borderRadius: 6 }} />
          </a>
        </li>
      ))}
    </ul>
  );
}

interface NeedRow {
  id: string;
  title: string;
  excerpt?: string;
  category: string;
  status: string;
  triage: string | null;
  createdAt: string | Date;
  placeName?: string;
  communityName?: string;
  triageNote?: string | null;
}

/** Needs as a table for staff, scrollable sideways (and by keyboard) on a phone. */
export function NeedTable({ needs, linkTo, columns }: { needs: NeedRow[]; linkTo: (id: string) => string; columns: ("place" | "community" | "note")[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t("needs.inboxTable")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("needs.col.title")}</th>
            {columns.includes("community") ? <th scope="col">{t("needs.col.community")}</th> : null}
            <th scope="col">{t("needs.col.category")}</th>
            {columns.includes("place") ? <th scope="col">{t("needs.col.place")}</th> : null}
            {columns.includes("note") ? <th scope="col">{t("needs.col.note")}</th> : null}
            <th scope="col">{t("needs.col.status")}</th>
            <th scope="col">{t("needs.col.at")}</th>
          </tr>
        </thead>
        <tbody>
          {needs.map((n) => (
            <tr key={n.id}>
              <td>
                <Link to={linkTo(n.id)}>{n.title}</Link>
                {columns.includes("community") && n.excerpt ? <div className="muted">{n.excerpt}</div> : null}
              </td>
              {columns.includes("community") ? <td>{n.communityName}</td> : null}
              <td>{t(`needs.category.${n.category}`)}</td>
              {columns.includes("place") ? <td>{n.placeName}</td> : null}
              {columns.includes("note") ? <td>{n.triageNote}</td> : null}
              <td>
                <StatusBadge status={n.status} triage={n.triage} />
              </td>
              <td>{formatDateTime(n.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
