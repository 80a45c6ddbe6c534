// /proposals/<id> — the organisation edits, submits or withdraws its proposal until the deadline and
// later reads the community's decision and reasons; the community's staff read it after the
// deadline. Anyone else gets 404 (proposalViewer decides, in proposalForViewer).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ProposalAttachments } from "~/components/proposals/proposal-attachments";
import { NeedFacts, ProposalForm } from "~/components/proposals/proposal-form";
import { ProposalSummary } from "~/components/proposals/proposal-summary";
import { fieldErrors, FormError, Notice } from "~/components/ui/field";
import { addAttachment, attachmentsOf, attachmentUploadHandler, removeAttachment } from "~/domains/proposals/attachments.server";
import { formValuesOf } from "~/domains/proposals/form-values";
import { proposalForViewer } from "~/domains/proposals/queries.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { proposalSchema } from "~/domains/proposals/schemas";
import { submitProposal } from "~/domains/proposals/submit.server";
import { withdrawProposal } from "~/domains/proposals/withdraw.server";
import { badInput } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "方案 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const view = await proposalForViewer(actor, params.proposalId ?? "");
    if (!view) notFoundResponse();
    return { ...view, attachments: await attachmentsOf([view.proposal.id]) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const proposalId = params.proposalId ?? "";
    const view = await proposalForViewer(actor, proposalId);
    if (!view || view.viewer !== "own") notFoundResponse();
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const { handler, upload } = attachmentUploadHandler();
      await readForm(request, handler);
      await addAttachment({ actor, proposalId, upload: upload() });
      return { ok: true as const, done: "proposals.attachmentAdded" };
    }
    const form = await readForm(request);
    const intent = textField(form, "_intent");
    if (intent === "removeAttachment") {
      await removeAttachment({ actor, proposalId, attachmentId: textField(form, "attachmentId") });
      return { ok: true as const, done: "proposals.attachmentRemoved" };
    }
    if (intent === "withdraw") {
      await withdrawProposal({ actor, proposalId });
      return { ok: true as const, done: "proposals.withdrawn" };
    }
    if (intent !== "save" && intent !== "submit") throw badInput({});
    const input = parseInput(proposalSchema, form);
    await saveDraft({ actor, serviceNeedId: view.need.id, orgId: view.proposal.orgId, input });
    if (intent === "submit" && view.proposal.status !== "submitted") {
      await submitProposal({ actor, proposalId });
      return { ok: true as const, done: "proposals.submittedNotice" };
    }
    return { ok: true as const, done: "proposals.savedNotice" };
  });
}

export default function ProposalPage() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const { proposal, need, org } = view;
  const done = result && "done" in result ? result.done : params.get("submitted") ? "proposals.submittedNotice" : params.get("saved") ? "proposals.savedNotice" : null;
  return (
    <>
      <p className="row">
        {view.viewer === "own" ? <Link to="/proposals">{t("proposals.backToMine")}</Link> : <Link to={`/community/${need.communityId}/service-needs/${need.id}/proposals`}>{t("proposals.backToCompare")}</Link>}
      </p>
      <h1>{t("proposals.proposalTitle", { title: need.title })}</h1>
      <p className="row">
        <span>{org.name}</span>
        <span className="badge">{t(`proposals.status.${proposal.status}`)}</span>
        <span>{t("proposals.totalShown", { total: formatFen(proposal.totalFen) })}</span>
      </p>
      <NeedFacts need={need} />
      {done ? (
        <Notice>{t(done)}</Notice>
      ) : null}
      {params.get("notSubmitted") ? (
        <Notice>{t("proposals.notSubmittedNotice")}</Notice>
      ) : null}
      {proposal.decisionReasons ? (
        <section className="card" aria-labelledby="decision">
          <h2 id="decision">{t(proposal.status === "selected" ? "proposals.selectedHeading" : "proposals.notSelectedHeading")}</h2>
          <p>{t("proposals.reasonsShown", { reasons: proposal.decisionReasons })}</p>
          {view.agreementId && view.viewer === "own" ? <Link to={`/agreements/${view.agreementId}`}>{t("proposals.agreementLink")}</Link> : null}
        </section>
      ) : null}
      <ProposalAttachments proposalId={proposal.id} attachments={view.attachments} editable={view.editable && (proposal.status === "draft" || proposal.status === "submitted")} error={fieldErrors(result).attachment} busy={busy} />
      {view.editable ? (
        <ProposalForm values={formValuesOf(view)} questions={view.questions} errors={fieldErrors(result)} failure={result} busy={busy} canWithdraw={proposal.status !== "withdrawn"} />
      ) : (
        <>
          <FormError failure={result} />
          <h2>{t("proposals.approachField")}</h2>
          <p>{proposal.approach}</p>
          <ProposalSummary parts={view} questions={view.questions} />
        </>
      )}
    </>
  );
}
