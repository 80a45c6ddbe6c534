// /household/join: a resident types the code staff gave them and waits for staff to confirm.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { joinHousehold } from "~/domains/households/join-household.server";
import { joinHouseholdSchema } from "~/domains/households/schemas";
import { fieldErrors, FormError, TextField } from "~/components/ui/field";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "加入住户 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, joinHouseholdSchema);
    await joinHousehold({ actor, input });
    return redirect("/household?joined=1");
  });
}

export default function JoinHousehold() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("households.joinTitle")}</h1>
      <p>{t("households.joinIntro")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError failure={result} />
        <TextField
          name="code"
          label={t("households.code")}
          hint={t("households.codeHint")}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={20}
          error={errors.code}
        />
        <button type="submit" disabled={busy}>
          {t("households.joinSubmit")}
        </button>
        <Link to="/household">{t("households.mineTitle")}</Link>
      </Form>
    </>
  );
}
