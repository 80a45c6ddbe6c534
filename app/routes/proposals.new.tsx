// /proposals/new?serviceNeedId=… — an organisation starts its proposal for an open service need.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldErrors, Notice } from "~/components/ui/field";
import { NeedFacts, ProposalForm } from "~/components/proposals/proposal-form";
import { PROVIDER_KINDS } from "~/domains/marketplace/eligibility.server";
import { orgNames } from "~/domains/proposals/org-names.server";
import { needForProposing, ownProposalId } from "~/domains/proposals/queries.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { proposalSchema } from "~/domains/proposals/schemas";
import { submitProposal } from "~/domains/proposals/submit.server";
import { badInput, isAppError } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "撰写方案 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const serviceNeedId = new URL(request.url).searchParams.get("serviceNeedId") ?? "";
    const found = await needForProposing(serviceNeedId);
    if (!found) notFoundResponse();
    // One proposal per organisation: one that already has its proposal edits that one instead.
    const orgIds: string[] = [];
    let existing: string | null = null;
    for (const m of actor.memberships.filter((m) => PROVIDER_KINDS.includes(m.orgKind))) {
      const id = await ownProposalId(m.orgId, serviceNeedId);
      if (id) existing ??= id;
      else orgIds.push(m.orgId);
    }
    if (existing && orgIds.length === 0) throw redirect(`/proposals/${existing}`);
    return { need: found.need, closed: found.closed, questions: found.questions, orgs: await orgNames(orgIds) };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const serviceNeedId = new URL(request.url).searchParams.get("serviceNeedId") ?? "";
    const form = await readForm(request);
    const orgId = textField(form, "orgId");
    if (!orgId) throw badInput({ orgId: "errors.required" });
    const input = parseInput(proposalSchema, form);
    const saved = await saveDraft({ actor, serviceNeedId, orgId, input });
    if (textField(form, "_intent") === "submit") {
      try {
        await submitProposal({ actor, proposalId: saved.id });
      } catch (error) {
        if (!isAppError(error)) throw error;
        // The draft is kept; the proposal page shows why it could not be submitted.
        return redirect(`/proposals/${saved.id}?notSubmitted=1`);
      }
      return redirect(`/proposals/${saved.id}?submitted=1`);
    }
    return redirect(`/proposals/${saved.id}?saved=1`);
  });
}

export default function NewProposal() {
  const t = useT();
  const { need, closed, questions, orgs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("proposals.newTitle", { title: need.title })}</h1>
      <NeedFacts need={need} />
      {closed ? (
        <Notice>{t("proposals.deadlinePassed")}</Notice>
      ) : orgs.length === 0 ? (
        <p className="notice">{t("proposals.noOrg")}</p>
      ) : (
        <ProposalForm questions={questions} orgs={orgs} errors={fieldErrors(result)} failure={result} busy={busy} />
      )}
    </>
  );
}
