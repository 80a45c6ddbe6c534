// Needs as the public sees them: title, category, community, status, date; nothing personal.
import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/needs/need-list";
import { useLocale, useT } from "~/utils/i18n";
import { formatDate } from "~/utils/time";

export interface PublicNeedItem {
  id: string;
  title: string;
  excerpt: string;
  category: string;
  status: string;
  triage: string | null;
  communityId: string;
  communityName: string;
  createdAt: string | Date;
}

export function PublicNeedList({ needs, showCommunity = true, headingLevel = 2 }: { needs: PublicNeedItem[]; showCommunity?: boolean; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const locale = useLocale();
  return (
    <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
      {needs.map((n) => (
        <li key={n.id} className="card">
          <Heading style={{ marginTop: 0, fontSize: "1.05rem" }}>
            <Link to={`/needs/${n.id}`}>{n.title}</Link>
          </Heading>
          <p className="row">
            <StatusBadge status={n.status} triage={n.triage} />
            <span className="badge">{t(`needs.category.${n.category}`)}</span>
          </p>
          <p style={{ margin: 0 }}>{n.excerpt}</p>
          <p className="muted" style={{ margin: 0 }}>
            {showCommunity ? (
              <>
                <Link to={`/c/${n.communityId}`}>{n.communityName}</Link> ·{" "}
              </>
            ) : null}
            {formatDate(n.createdAt, locale)}
          </p>
        </li>
      ))}
    </ul>
  );
}
