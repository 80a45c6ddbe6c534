// /community/<id>/deliberations/<id>: staff open a drafted deliberation, record paper ballots while
// it is open, see which households of the scope have voted (never how), and start a further round.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { DeliberationHeading } from "~/components/deliberations/deliberation-heading";
import { OptionList } from "~/components/deliberations/option-spend";
import { fieldErrors, SelectField } from "~/components/ui/field";
import { openDeliberation } from "~/domains/deliberations/open-deliberation.server";
import { deliberationForStaff } from "~/domains/deliberations/queries.server";
import { recordPaperVote } from "~/domains/deliberations/record-paper-vote.server";
import { paperVoteSchema } from "~/domains/deliberations/schemas";
import { CONTINUABLE } from "~/domains/deliberations/start-next-round.server";
import { badInput } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseForm, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "议事管理 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const view = await deliberationForStaff(params.deliberationId ?? "");
    if (!view || view.deliberation.communityId !== params.communityId) notFoundResponse();
    authorize(actor, "deliberations.manage", { communityId: view.deliberation.communityId });
    const { result: _hiddenHere, ...deliberation } = view.deliberation;
    return { ...view, deliberation, canContinue: (CONTINUABLE as readonly string[]).includes(deliberation.status) && view.rounds.next.length === 0 };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const form = await readForm(request.clone());
    const deliberationId = params.deliberationId ?? "";
    switch (textField(form, "_intent")) {
      case "open":
        await openDeliberation({ actor, deliberationId });
        return { ok: true as const, done: "deliberations.opened" };
      case "paper":
        await recordPaperVote({ actor, deliberationId, input: await parseForm(request, paperVoteSchema) });
        return { ok: true as const, done: "deliberations.paperRecorded" };
      default:
        throw badInput({});
    }
  });
}

export default function ManageDeliberation() {
  const t = useT();
  const { deliberation: d, scope, options, households, rounds, canContinue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const done = result && "done" in result ? result.done : params.get("created") && d.status === "draft" ? "deliberations.created" : null;
  const voted = households.filter((h) => h.channel).length;
  return (
    <>
      <p className="row">
        <Link to={`/community/${d.communityId}/deliberations`}>{t("deliberations.backToList")}</Link>
        {d.status !== "draft" ? <Link to={`/deliberations/${d.id}`}>{t("deliberations.publicLink")}</Link> : null}
      </p>
      <DeliberationHeading deliberation={d} scope={scope} done={done} failure={result}>
        <li>
          {t("deliberations.option")}：
          <OptionList options={options} />
        </li>
        {rounds.previous ? (
          <li>
            <Link to={`/community/${d.communityId}/deliberations/${rounds.previous.id}`}>
              {t("deliberations.previousRound", { question: rounds.previous.question, status: t(`deliberations.status.${rounds.previous.status}`) })}
            </Link>
          </li>
        ) : null}
      </DeliberationHeading>

      {d.status === "draft" ? (
        <Form method="post" className="stack">
          <p className="muted" id="open-hint">
            {t("deliberations.openHint")}
          </p>
          <button type="submit" name="_intent" value="open" disabled={busy} aria-describedby="open-hint">
            {t("deliberations.openSubmit")}
          </button>
        </Form>
      ) : null}

      {d.status === "open" ? (
        <section aria-labelledby="paper">
          <h2 id="paper">{t("deliberations.paperTitle")}</h2>
          <p className="muted">{t("deliberations.paperHint")}</p>
          <Form method="post" className="stack" noValidate aria-labelledby="paper">
            <input type="hidden" name="_intent" value="paper" />
            <SelectField
              name="householdId"
              label={t("deliberations.householdField")}
              required
              options={[{ value: "", label: t("deliberations.chooseHouseholdOption") }, ...households.filter((h) => !h.channel).map((h) => ({ value: h.id, label: h.name }))]}
              error={errors.householdId}
            />
            <SelectField
              name="optionId"
              label={t("deliberations.optionChoice")}
              required
              options={[{ value: "", label: t("deliberations.chooseOptionOption") }, ...options.map((o) => ({ value: o.id, label: o.label }))]}
              error={errors.optionId}
            />
            <button type="submit" disabled={busy}>
              {t("deliberations.paperSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.status !== "draft" && d.status !== "open" ? (
        <section aria-labelledby="closed">
          <h2 id="closed">{t("deliberations.resultTitle")}</h2>
          <p>
            {t("deliberations.closedHint")} <Link to={`/deliberations/${d.id}`}>{t("deliberations.publicLink")}</Link>
          </p>
          {d.status === "passed" ? (
            <p>
              <Link className="button" to={`/community/${d.communityId}/projects/new?deliberation=${d.id}`}>
                {t("delivery.startLink")}
              </Link>
            </p>
          ) : null}
          {canContinue ? (
            <p>
              <Link className="button" to={`/community/${d.communityId}/deliberations/new?from=${d.id}`}>
                {t("deliberations.nextRoundLink")}
              </Link>
            </p>
          ) : null}
          {rounds.next.map((n) => (
            <p key={n.id}>
              <Link to={`/community/${d.communityId}/deliberations/${n.id}`}>
                {t("deliberations.nextRound", { question: n.question, status: t(`deliberations.status.${n.status}`) })}
              </Link>
            </p>
          ))}
        </section>
      ) : null}

      {d.status !== "draft" ? (
        <section aria-labelledby="households">
          <h2 id="households">{t("deliberations.householdsTitle", { count: households.length })}</h2>
          <p className="muted">{t("deliberations.turnout", { voting: voted, eligible: households.length })}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("deliberations.householdsTableLabel")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("deliberations.householdColumn")}</th>
                  <th scope="col">{t("deliberations.votedColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {households.map((h) => (
                  <tr key={h.id}>
                    <td>{h.name}</td>
                    <td>{h.channel ? t("deliberations.votedVia", { channel: t(`deliberations.channel.${h.channel}`) }) : <span className="muted">{t("deliberations.notVoted")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
