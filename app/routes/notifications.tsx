import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/ui/field";
import { z } from "zod";
import { listNotifications, markRead } from "~/domains/notifications/queries.server";
import { parseForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, safeRedirect } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "通知 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  const notifications = await listNotifications(actor.userId);
  // Links are made safe here, on the server: only same-site paths reach the page.
  return { notifications: notifications.map((n) => ({ ...n, link: n.link ? safeRedirect(n.link) : null })) };
}

const markReadSchema = z.object({ id: z.string().uuid().optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const { id } = await parseForm(request, markReadSchema);
    await markRead(actor.userId, id);
    return { ok: true as const };
  });
}

export default function Notifications() {
  const t = useT();
  const locale = useLocale();
  const { notifications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("notifications.title")}</h1>
      <FormError failure={result} />
      {notifications.length === 0 ? <p className="muted">{t("notifications.empty")}</p> : null}
      <ul className="notification-list" style={{ listStyle: "none", padding: 0 }}>
        {notifications.map((n) => (
          <li key={n.id} className="card" data-unread={n.readAt ? undefined : "true"}>
            <strong>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</strong>
            {n.readAt ? null : <span className="badge warn"> ●</span>}
            <p>{n.body}</p>
            <div className="row muted">
              <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, locale)}</time>
              {n.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
