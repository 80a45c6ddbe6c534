import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { acceptInvitation } from "~/domains/orgs/accept-invitation.server";
import { CLOSED_INVITATION } from "~/domains/orgs/invitations.server";
import { invitationView } from "~/domains/orgs/queries.server";
import { FormError } from "~/components/ui/field";
import { notFound } from "~/utils/errors";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "加入组织的邀请 · 三社联动平台" }];

/** Whoever holds the link signs in (or signs up) first, and comes back here. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "account.use");
    const invitation = await invitationView(params.invitationId!, actor.userId);
    if (!invitation) throw notFound();
    return { invitation, closedMessage: invitation.state === "open" ? null : CLOSED_INVITATION[invitation.state] };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const { orgId } = await acceptInvitation({ actor, invitationId: params.invitationId! });
    return redirect(`/orgs/${orgId}/manage`);
  });
}

export default function Invitation() {
  const t = useT();
  const { invitation, closedMessage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("orgs.invitationTitle")}</h1>
      <p>{t("orgs.invitationText", { name: invitation.orgName, role: t(`accounts.role.${invitation.role}`) })}</p>
      <p className="muted">{t("orgs.invitationSentTo", { contact: invitation.sentTo })}</p>
      <FormError failure={result} />
      {closedMessage ? (
        <p className="form-error" role="alert">
          {t(closedMessage)}
        </p>
      ) : invitation.viewerMustVerify ? (
        <p className="form-error" role="alert">
          {t("orgs.invitationNeedsVerified", { contact: invitation.sentTo })}{" "}
          <Link to={`/account/verify?redirectTo=${encodeURIComponent(`/invitations/${invitation.id}`)}`}>{t("orgs.verifyToAccept")}</Link>
        </p>
      ) : invitation.forViewer ? (
        <Form method="post">
          <button type="submit" disabled={busy}>
            {t("orgs.accept")}
          </button>
        </Form>
      ) : (
        <p className="form-error" role="alert">
          {t("orgs.invitationOtherAccount", { contact: invitation.sentTo })}
        </p>
      )}
      <p>
        <Link to="/account">{t("nav.account")}</Link>
      </p>
    </>
  );
}
