import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changeMemberRole } from "~/domains/orgs/change-member-role.server";
import { INVITATION_DAYS } from "~/domains/orgs/invitations.server";
import { inviteMember } from "~/domains/orgs/invite-member.server";
import { orgManagement, orgPage } from "~/domains/orgs/queries.server";
import { recordCertificate } from "~/domains/orgs/record-certificate.server";
import { removeMember } from "~/domains/orgs/remove-member.server";
import { reviewCertificate } from "~/domains/orgs/review-certificate.server";
import { revokeInvitation } from "~/domains/orgs/revoke-invitation.server";
import {
  CERTIFICATE_LEVELS,
  certificateDecisionSchema,
  certificateSchema,
  changeRoleSchema,
  invitationSchema,
  inviteSchema,
  MEMBER_ROLES,
  memberSchema,
} from "~/domains/orgs/schemas";
import { fieldErrors, FormError, SelectField, TextField, Notice } from "~/components/ui/field";
import { badInput, notFound } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize, can, type Actor } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? "组织"} · 成员与证书 · 三社联动平台` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const page = await orgPage(params.orgId!, actor);
    if (!page) throw notFound();
    authorize(actor, "org.viewPrivate", { orgId: page.public.id });
    const mayManage = can(actor, "org.manage", { orgId: page.public.id });
    return {
      org: { id: page.public.id, name: page.public.name, status: page.public.status },
      ...(await orgManagement(page.public.id, { forManagers: mayManage })),
      me: actor.userId,
      isMember: page.private!.isMember,
      mayManage,
    };
  });
}

type Input = Record<string, unknown>;
/** Each form on the page names its use case in `_intent`; every one checks its own permission. */
const INTENTS: Record<string, (actor: Actor, orgId: string, input: Input) => Promise<unknown>> = {
  invite: (actor, orgId, input) => inviteMember({ actor, orgId, input: parseInput(inviteSchema, input) }),
  revoke: (actor, orgId, input) => revokeInvitation({ actor, orgId, ...parseInput(invitationSchema, input) }),
  changeRole: (actor, orgId, input) => changeMemberRole({ actor, orgId, ...parseInput(changeRoleSchema, input) }),
  remove: (actor, orgId, input) => removeMember({ actor, orgId, ...parseInput(memberSchema, input) }),
  recordCertificate: (actor, orgId, input) => recordCertificate({ actor, orgId, input: parseInput(certificateSchema, input) }),
  verifyCertificate: (actor, orgId, input) => reviewCertificate({ actor, orgId, decision: "verified", ...parseInput(certificateDecisionSchema, input) }),
  rejectCertificate: (actor, orgId, input) => reviewCertificate({ actor, orgId, decision: "rejected", ...parseInput(certificateDecisionSchema, input) }),
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const form = await readForm(request);
    const intent = textField(form, "_intent");
    const run = INTENTS[intent];
    if (!run) throw badInput({});
    await run(actor, params.orgId!, form);
    return { ok: true as const, intent };
  });
}

const CERT_BADGE = { pending: "warn", verified: "ok", rejected: "danger" } as const;

export default function ManageOrg() {
  const t = useT();
  const locale = useLocale();
  const { org, members, invitations, certificates, me, isMember, mayManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const done = result && "ok" in result && result.ok ? result.intent : null;
  const roleOptions = MEMBER_ROLES.map((r) => ({ value: r, label: t(`accounts.role.${r}`) }));
  return (
    <>
      <p>
        <Link to={`/orgs/${org.id}`}>{org.name}</Link>
      </p>
      <h1>{t("orgs.manageTitle", { name: org.name })}</h1>
      <FormError failure={result} />
      {done ? (
        <Notice>{t(done === "invite" ? "orgs.invited" : done === "recordCertificate" ? "orgs.certificateRecorded" : "orgs.done")}</Notice>
      ) : null}

      <h2>{t("orgs.members")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("orgs.memberName")}</th>
              <th scope="col">{t("orgs.role")}</th>
              {mayManage ? <th scope="col">{t("orgs.memberContact")}</th> : null}
              {mayManage ? <th scope="col">{t("orgs.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.userId === me ? t("orgs.you") : null}
                </td>
                <td>{t(`accounts.role.${m.role}`)}</td>
                {mayManage ? <td>{m.contact}</td> : null}
                {mayManage ? (
                  <td>
                    <Form method="post" className="row">
                      <input type="hidden" name="userId" value={m.userId} />
                      <select aria-label={`${m.name} ${t("orgs.role")}`} name="role" defaultValue={m.role} style={{ width: "auto" }}>
                        {roleOptions.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <button type="submit" name="_intent" value="changeRole" className="secondary" disabled={busy}>
                        {t("orgs.changeRole")}
                      </button>
                      <button type="submit" name="_intent" value="remove" className="secondary" disabled={busy}>
                        {t("orgs.remove")}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {mayManage ? (
        <>
          <h2>{t("orgs.invite")}</h2>
          <Form method="post" className="stack" noValidate>
            <p className="muted">{t("orgs.inviteHint", { days: INVITATION_DAYS })}</p>
            <TextField name="contact" label={t("orgs.inviteContact")} required error={errors.contact} />
            <SelectField name="role" label={t("orgs.role")} required defaultValue="member" options={roleOptions} error={errors.role} />
            <button type="submit" name="_intent" value="invite" disabled={busy}>
              {t("orgs.inviteSubmit")}
            </button>
          </Form>
          <h2>{t("orgs.openInvitations")}</h2>
          {invitations.length === 0 ? <p className="muted">{t("orgs.noOpenInvitations")}</p> : null}
          <ul>
            {invitations.map((i) => (
              <li key={i.id} className="row">
                <span>
                  {i.contact} · {t(`accounts.role.${i.role}`)} · {t(`orgs.invitationState.${i.state}`)} · {t("orgs.expiresAt")} {formatDate(i.expiresAt, locale)}
                </span>
                {i.state === "open" ? (
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="_intent" value="revoke" className="link" disabled={busy}>
                      {t("orgs.revoke")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("orgs.certificates")}</h2>
      {certificates.length === 0 ? <p className="muted">{t("orgs.noCertificates")}</p> : null}
      {certificates.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("orgs.certificateHolder")}</th>
                <th scope="col">{t("orgs.certificateLevel")}</th>
                <th scope="col">{t("orgs.certificateNumber")}</th>
                <th scope="col">{t("orgs.certificateStatus")}</th>
                {mayManage ? <th scope="col">{t("orgs.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{t(`orgs.certificateLevel.${c.level}`)}</td>
                  <td>
                    <code>{c.number}</code>
                  </td>
                  <td>
                    <span className={`badge ${CERT_BADGE[c.status]}`}>{t(`orgs.certificateStatus.${c.status}`)}</span>
                  </td>
                  {mayManage ? (
                    <td>
                      {c.status === "pending" && c.userId === me ? (
                        <span className="muted">{t("orgs.certificateOwnWaits")}</span>
                      ) : c.status === "pending" ? (
                        <Form method="post" className="row">
                          <input type="hidden" name="certificateId" value={c.id} />
                          <button type="submit" name="_intent" value="verifyCertificate" disabled={busy}>
                            {t("orgs.verifyCertificate")}
                          </button>
                          <button type="submit" name="_intent" value="rejectCertificate" className="secondary" disabled={busy}>
                            {t("orgs.rejectCertificate")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {isMember ? (
        <>
          <h2>{t("orgs.recordCertificate")}</h2>
          <Form method="post" className="stack" noValidate>
            <p className="muted">{t("orgs.recordCertificateHint")}</p>
            <SelectField
              name="level"
              label={t("orgs.certificateLevel")}
              required
              defaultValue=""
              error={errors.level}
              options={[{ value: "", label: t("orgs.choose") }, ...CERTIFICATE_LEVELS.map((l) => ({ value: l, label: t(`orgs.certificateLevel.${l}`) }))]}
            />
            <TextField name="number" label={t("orgs.certificateNumber")} hint={t("orgs.certificateNumberHint")} required spellCheck={false} error={errors.number} />
            <button type="submit" name="_intent" value="recordCertificate" disabled={busy}>
              {t("orgs.certificateSubmit")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
