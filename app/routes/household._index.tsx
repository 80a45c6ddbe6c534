// /household: the resident's own household, whether staff have confirmed them, and leaving it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { leaveHousehold } from "~/domains/households/leave-household.server";
import { myHousehold } from "~/domains/households/queries.server";
import { FormError, Notice } from "~/components/ui/field";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "我的住户 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  return { household: await myHousehold(actor.userId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    await leaveHousehold({ actor });
    return { ok: true as const };
  });
}

export default function MyHousehold() {
  const t = useT();
  const { household } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("households.mineTitle")}</h1>
      {params.get("joined") && household ? (
        <Notice>{t("households.joined")}</Notice>
      ) : null}
      {result && "ok" in result && result.ok ? (
        <Notice>{t("households.left")}</Notice>
      ) : null}
      <FormError failure={result} />
      {household ? (
        <section className="card" aria-labelledby="mine">
          <h2 id="mine">{household.label}</h2>
          <p>
            {t("households.mineWhere")}：{household.where}
          </p>
          <p>
            {household.verified ? <span className="badge ok">{t("households.verified")}</span> : <span className="badge warn">{t("households.unverified")}</span>}{" "}
            {t(household.verified ? "households.mineStatusVerified" : "households.mineStatusPending")}
          </p>
          <p className="muted">{t("households.mineMembers", { count: household.members })}</p>
          <Form method="post">
            <p className="muted" id="leave-hint">
              {t("households.leaveHint")}
            </p>
            <button type="submit" className="secondary" disabled={busy} aria-describedby="leave-hint">
              {t("households.leave")}
            </button>
          </Form>
        </section>
      ) : (
        <>
          <p className="muted">{t("households.mineNone")}</p>
          <p>
            <Link to="/household/join" className="button">
              {t("households.joinLink")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
