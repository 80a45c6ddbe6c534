// /community/<id>/service-needs/<id>/proposals — after the deadline, the community's staff compare
// the proposals side by side (price, team, plan, the organisation's record), shortlist, select one
// with written reasons and, where required, record the residents' council's approval. Before the
// deadline the proposals stay sealed; for anyone but this community's staff the page is 404.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { share } from "~/components/proposals/proposal-summary";
import { ActionResult, fieldErrors, SelectField, TextArea, TextField } from "~/components/ui/field";
import { approveByCouncil, selectProposal, shortlistProposal } from "~/domains/proposals/decide.server";
import { attachmentsOf } from "~/domains/proposals/attachments.server";
import { proposalsForCommunity } from "~/domains/proposals/queries.server";
import { councilSchema, reasonsSchema, shortlistSchema } from "~/domains/proposals/schemas";
import { badInput } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "方案比选 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const view = await proposalsForCommunity(actor, params.communityId ?? "", params.serviceNeedId ?? "");
    if (!view) notFoundResponse();
    // Only the proposals proposalsForCommunity let through (sealed before the deadline) are counted.
    const attachments = await attachmentsOf(view.proposals.map((p) => p.id));
    return { ...view, proposals: view.proposals.map((p) => ({ ...p, attachmentCount: attachments.filter((a) => a.proposalId === p.id).length })) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const view = await proposalsForCommunity(actor, params.communityId ?? "", params.serviceNeedId ?? "");
    if (!view) notFoundResponse();
    const serviceNeedId = view.need.id;
    const fields = await readForm(request);
    switch (textField(fields, "_intent")) {
      case "shortlist":
        await shortlistProposal({ actor, serviceNeedId, ...parseInput(shortlistSchema, fields) });
        return { ok: true as const, done: "proposals.shortlistedNotice" };
      case "select": {
        const result = await selectProposal({ actor, serviceNeedId, ...parseInput(reasonsSchema, fields) });
        return { ok: true as const, done: result.final ? "proposals.selectedNotice" : "proposals.awaitingCouncilNotice" };
      }
      case "council":
        await approveByCouncil({ actor, serviceNeedId, ...parseInput(councilSchema, fields) });
        return { ok: true as const, done: "proposals.councilRecordedNotice" };
      default:
        throw badInput({});
    }
  });
}

export default function CompareProposals() {
  const t = useT();
  const { need, closed, sealed, proposals, agreementId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const decidable = proposals.filter((p) => p.status === "submitted" || p.status === "shortlisted");
  const open = need.status === "published" || need.status === "evaluating";
  const pending = open && !!need.selectedProposalId;
  return (
    <>
      <h1>{t("proposals.compareTitle", { title: need.title })}</h1>
      <ActionResult result={result} />
      {need.status === "withdrawn" ? <p className="notice">{t("proposals.sealedWithdrawn")}</p> : !closed ? <p className="notice">{t("proposals.sealedNotice")}</p> : null}
      {!sealed && proposals.length === 0 ? <p className="muted">{t("proposals.noneReceived")}</p> : null}
      {need.status === "selected" ? (
        <p className="row">
          <Link to={`/proposals/results/${need.id}`}>{t("proposals.publicResultLink")}</Link>
          {agreementId ? <Link to={`/agreements/${agreementId}`}>{t("proposals.agreementLink")}</Link> : null}
        </p>
      ) : null}

      {proposals.length ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("proposals.compareTableLabel")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("proposals.compareAspect")}</th>
                {proposals.map((p) => (
                  <th scope="col" key={p.id}>
                    <Link to={`/proposals/${p.id}`}>{p.orgName}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("proposals.compareStatus")}</th>
                {proposals.map((p) => (
                  <td key={p.id}>{t(`proposals.status.${p.status}`)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t("proposals.comparePrice")}</th>
                {proposals.map((p) => (
                  <td key={p.id}>{formatFen(p.totalFen)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t("proposals.compareTeam")}</th>
                {proposals.map((p) => (
                  <td key={p.id}>{t("proposals.teamCount", { total: p.team.length, certified: p.team.filter((m) => m.certified).length })}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t("proposals.comparePlan")}</th>
                {proposals.map((p) => (
                  <td key={p.id}>
                    <ol>
                      {p.milestones.map((m) => (
                        <li key={m.id}>
                          {m.title}（{m.dueDate}，{share(m.paymentShareBp)}）
                        </li>
                      ))}
                    </ol>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t("proposals.compareRecord")}</th>
                {proposals.map((p) => (
                  <td key={p.id}>{t("proposals.recordShown", { projects: p.record.projects, amount: formatFen(p.record.amountFen) })}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t("proposals.attachmentsTitle")}</th>
                {proposals.map((p) => (
                  <td key={p.id}>{t("proposals.attachmentCount", { count: p.attachmentCount })}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}

      {open && closed && !pending && decidable.length ? (
        <>
          <section aria-labelledby="shortlist">
            <h2 id="shortlist">{t("proposals.shortlistTitle")}</h2>
            <ul className="stack">
              {decidable
                .filter((p) => p.status === "submitted")
                .map((p) => (
                  <li key={p.id}>
                    <Form method="post">
                      <input type="hidden" name="proposalId" value={p.id} />
                      <button type="submit" name="_intent" value="shortlist" disabled={busy} className="secondary">
                        {t("proposals.shortlistButton", { org: p.orgName })}
                      </button>
                    </Form>
                  </li>
                ))}
            </ul>
          </section>
          <section aria-labelledby="select">
            <h2 id="select">{t("proposals.selectTitle")}</h2>
            {need.requiresCouncilApproval ? <p className="muted">{t("proposals.councilRequiredHint")}</p> : null}
            <Form method="post" className="stack" noValidate aria-labelledby="select">
              <input type="hidden" name="_intent" value="select" />
              <SelectField
                name="proposalId"
                label={t("proposals.selectField")}
                required
                options={[{ value: "", label: t("proposals.chooseProposalOption") }, ...decidable.map((p) => ({ value: p.id, label: `${p.orgName} · ${formatFen(p.totalFen)}` }))]}
                error={errors.proposalId}
              />
              <TextArea name="reasons" label={t("proposals.reasonsField")} hint={t("proposals.reasonsHint")} required error={errors.reasons} />
              <button type="submit" disabled={busy}>
                {t("proposals.selectButton")}
              </button>
            </Form>
          </section>
        </>
      ) : null}

      {pending ? (
        <section aria-labelledby="council">
          <h2 id="council">{t("proposals.councilTitle")}</h2>
          <p>{t("proposals.awaitingCouncil", { org: proposals.find((p) => p.id === need.selectedProposalId)?.orgName ?? "", reasons: need.selectionReasons ?? "" })}</p>
          <Form method="post" className="stack" noValidate aria-labelledby="council">
            <input type="hidden" name="_intent" value="council" />
            <TextField name="approvedOn" type="date" label={t("proposals.councilDate")} required error={errors.approvedOn} />
            <TextField name="minuteRef" label={t("proposals.councilMinute")} required error={errors.minuteRef} />
            <button type="submit" disabled={busy}>
              {t("proposals.councilButton")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
