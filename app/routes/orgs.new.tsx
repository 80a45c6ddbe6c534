import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { placeOptions } from "~/domains/orgs/queries.server";
import { hasVerifiedContact, registerOrg } from "~/domains/orgs/register-org.server";
import { ORG_KINDS, orgSchema } from "~/domains/orgs/schemas";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "登记组织 · 三社联动平台" }];

/** Registering makes the person an owner, so it waits for a verified number or email; the code brings them back here. */
const VERIFY_FIRST = `/account/verify?redirectTo=${encodeURIComponent("/orgs/new")}`;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "org.register");
    if (!(await hasVerifiedContact(actor.userId))) return { mustVerify: true as const, places: [] };
    return { mustVerify: false as const, places: await placeOptions() };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    authorize(actor, "org.register");
    if (!(await hasVerifiedContact(actor.userId))) return redirect(VERIFY_FIRST);
    const input = await parseForm(request, orgSchema);
    const { orgId } = await registerOrg({ actor, input });
    return redirect(`/orgs/${orgId}`);
  });
}

export default function NewOrg() {
  const t = useT();
  const { places, mustVerify } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("orgs.newTitle")}</h1>
      <p className="muted">{t("orgs.newIntro")}</p>
      {mustVerify ? (
        <section className="card stack">
          <p>{t("orgs.registerNeedsVerified")}</p>
          <p>
            <Link to={VERIFY_FIRST}>{t("orgs.verifyToRegister")}</Link>
          </p>
        </section>
      ) : (
        <OrgForm places={places} submitLabel={t("orgs.submitRegistration")} />
      )}
    </>
  );
}

export interface PlaceOption {
  id: string;
  level: string;
  label: string;
}

export interface OrgFormValues {
  name: string;
  kind: string;
  registration: string;
  creditCode: string | null;
  filingNumber: string | null;
  filedWithId: string | null;
  placeId: string | null;
  serviceAreaIds: string[];
  description: string;
  contactPhone: string | null;
}

/** The organisation's details: registering and editing ask the same. */
export function OrgForm({ places, values, submitLabel }: { places: PlaceOption[]; values?: OrgFormValues; submitLabel: string }) {
  const t = useT();
  const result = useActionData<{ ok: false }>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const choose = { value: "", label: t("orgs.choose") };
  const placeChoices = [choose, ...places.map((p) => ({ value: p.id, label: p.label }))];
  const streets = [choose, ...places.filter((p) => p.level === "street").map((p) => ({ value: p.id, label: p.label }))];
  const areas = new Set(values?.serviceAreaIds ?? []);
  return (
    <Form method="post" className="stack" noValidate>
      <FormError failure={result} />
      <TextField name="name" label={t("orgs.name")} hint={t("orgs.nameHint")} required defaultValue={values?.name} error={errors.name} />
      <SelectField
        name="kind"
        label={t("orgs.kind")}
        required
        defaultValue={values?.kind ?? ""}
        error={errors.kind}
        options={[choose, ...ORG_KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))]}
      />
      <SelectField
        name="registration"
        label={t("orgs.registration")}
        hint={t("orgs.registrationHint")}
        required
        defaultValue={values?.registration ?? "registered"}
        error={errors.registration}
        options={(["registered", "filed"] as const).map((r) => ({ value: r, label: t(`orgs.registration.${r}`) }))}
      />
      <fieldset className="stack">
        <legend>{t("orgs.registeredLegend")}</legend>
        <TextField
          name="creditCode"
          label={t("orgs.creditCode")}
          hint={t("orgs.creditCodeHint")}
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={values?.creditCode ?? ""}
          error={errors.creditCode}
        />
      </fieldset>
      <fieldset className="stack">
        <legend>{t("orgs.filedLegend")}</legend>
        <TextField name="filingNumber" label={t("orgs.filingNumber")} hint={t("orgs.filingNumberHint")} defaultValue={values?.filingNumber ?? ""} error={errors.filingNumber} />
        <SelectField name="filedWithId" label={t("orgs.filedWith")} hint={t("orgs.filedWithHint")} defaultValue={values?.filedWithId ?? ""} error={errors.filedWithId} options={streets} />
      </fieldset>
      <SelectField name="placeId" label={t("orgs.place")} hint={t("orgs.placeHint")} required defaultValue={values?.placeId ?? ""} error={errors.placeId} options={placeChoices} />
      <fieldset aria-describedby={errors.serviceAreaIds ? "serviceAreaIds-error" : "serviceAreaIds-hint"}>
        <legend>{t("orgs.serviceAreas")}</legend>
        <span className="hint muted" id="serviceAreaIds-hint">
          {t("orgs.serviceAreasHint")}
        </span>
        <div style={{ maxHeight: 240, overflowY: "auto" }}>
          {places.map((p) => (
            <div key={p.id}>
              <label>
                <input type="checkbox" name="serviceAreaIds" value={p.id} defaultChecked={areas.has(p.id)} /> {p.label}
              </label>
            </div>
          ))}
        </div>
        {errors.serviceAreaIds ? (
          <span className="error" id="serviceAreaIds-error" role="alert">
            {t(errors.serviceAreaIds)}
          </span>
        ) : null}
      </fieldset>
      <TextField name="contactPhone" type="tel" label={t("orgs.contactPhone")} hint={t("orgs.contactPhoneHint")} required autoComplete="tel" defaultValue={values?.contactPhone ?? ""} error={errors.contactPhone} />
      <TextArea name="description" label={t("orgs.description")} hint={t("orgs.descriptionHint")} defaultValue={values?.description} error={errors.description} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
