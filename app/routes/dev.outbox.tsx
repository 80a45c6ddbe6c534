import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listOutbox } from "~/domains/notifications/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "发件箱 · 三社联动平台" }];

/** Development only: the messages that would have gone out by SMTP or SMS. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "outbox.view");
    return { messages: await listOutbox() };
  });
}

export default function Outbox() {
  const t = useT();
  const locale = useLocale();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{t("outbox.hint")}</p>
      {messages.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="card">
          <h2 style={{ marginTop: 0 }}>{m.subject}</h2>
          <p className="muted">
            {t("outbox.channel")}: {m.channel} · {t("outbox.to")}: {m.to} · {formatDateTime(m.createdAt, locale)}
          </p>
          <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontFamily: "inherit" }}>{m.body}</pre>
        </article>
      ))}
    </>
  );
}
