// /deliberations/<id>: 居务公开 of one deliberation (question, options, turnout, the rule applied and
// the outcome, the rounds), a household's ballot for its signed-in residents, and the discussion.
// Never who voted how; comments carry no name or door plate (docs/product.md §6).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { DeliberationHeading } from "~/components/deliberations/deliberation-heading";
import { OptionList, OptionSpend } from "~/components/deliberations/option-spend";
import { fieldErrors, TextArea } from "~/components/ui/field";
import { castVote } from "~/domains/deliberations/cast-vote.server";
import { addComment } from "~/domains/deliberations/comment.server";
import { ballotOf, publicDeliberation, scopeOfDeliberation } from "~/domains/deliberations/queries.server";
import { commentSchema, voteSchema } from "~/domains/deliberations/schemas";
import { quorumRequired } from "~/domains/deliberations/tally";
import { badInput } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseForm, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.deliberation.question ?? "议事投票"} · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const view = await publicDeliberation(params.deliberationId ?? "", actor);
    if (!view) notFoundResponse();
    const scope = (await scopeOfDeliberation(view.deliberation.id))!;
    return { ...view, ballot: view.deliberation.status === "open" ? await ballotOf(actor, scope) : null };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  return runAction(async () => {
    const deliberationId = params.deliberationId ?? "";
    const intent = textField(await readForm(request.clone()), "_intent");
    if (intent === "vote") {
      const { changed } = await castVote({ actor, deliberationId, input: await parseForm(request, voteSchema) });
      return { ok: true as const, done: changed ? "deliberations.voteChanged" : "deliberations.voted" };
    }
    if (intent === "comment") {
      await addComment({ actor, deliberationId, input: await parseForm(request, commentSchema) });
      return { ok: true as const, done: "deliberations.commentAdded" };
    }
    throw badInput({});
  });
}

export default function DeliberationPage() {
  const t = useT();
  const locale = useLocale();
  const { deliberation: d, scope, options, result, turnout, needs, privateNeeds, comments, rounds, ballot } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const errors = fieldErrors(actionResult);
  const busy = useNavigation().state === "submitting";
  const location = useLocation();
  const done = actionResult && "done" in actionResult ? actionResult.done : null;
  const status = (s: string) => t(`deliberations.status.${s}`);
  const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : "—");
  const winner = result ? options.find((o) => o.id === result.winningOptionId) : null;
  const leader = result ? Math.max(0, ...result.counts.map((c) => c.votes)) : 0;

  return (
    <>
      <p className="muted">{t("deliberations.publicTitle")}</p>
      <DeliberationHeading
        deliberation={d}
        scope={scope}
        done={done}
        failure={actionResult}
        quorum={
          result
            ? t("deliberations.quorumRuleCount", { percent: result.quorumPercent, eligible: result.eligibleHouseholds, required: result.quorumRequired })
            : turnout
              ? t("deliberations.quorumRuleCount", { percent: d.quorumPercent, eligible: turnout.eligible, required: quorumRequired(turnout.eligible, d.quorumPercent) })
              : undefined
        }
      >
        <li>{t("deliberations.oneHouseholdOneVote")}</li>
      </DeliberationHeading>

      <section aria-labelledby="result">
        <h2 id="result">{t("deliberations.resultTitle")}</h2>
        {result ? (
          <>
            <p data-testid="outcome">
              <strong>
                {result.status === "passed"
                  ? t("deliberations.outcome.passed", { option: winner?.label ?? "", votes: leader, needed: result.votesNeeded })
                  : result.status === "no_quorum"
                    ? t("deliberations.outcome.no_quorum", { voting: result.votingHouseholds, required: result.quorumRequired })
                    : result.votesCast === 0
                      ? t("deliberations.outcome.noVotes")
                      : result.tieForFirst
                        ? t("deliberations.outcome.tie")
                        : t("deliberations.outcome.failed", { votes: leader, needed: result.votesNeeded })}
              </strong>
            </p>
            <p>
              {t("deliberations.turnout", { voting: result.votingHouseholds, eligible: result.eligibleHouseholds })}（{percent(result.votingHouseholds, result.eligibleHouseholds)}）
              <br />
              <span className="muted">{t("deliberations.byChannel", result.byChannel)}</span>
            </p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t("deliberations.resultTableLabel")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("deliberations.option")}</th>
                    <th scope="col">{t("deliberations.votes")}</th>
                    <th scope="col">{t("deliberations.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.counts.map((c) => (
                    <tr key={c.optionId}>
                      <td>
                        {c.label} {c.optionId === result.winningOptionId ? <span className="badge ok">{status("passed")}</span> : null}{" "}
                        <OptionSpend spend={options.find((o) => o.id === c.optionId)?.spend ?? null} />
                      </td>
                      <td>{c.votes}</td>
                      <td>{percent(c.votes, result.votesCast)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {d.talliedAt ? <p className="muted">{t("deliberations.talliedAt", { at: formatDateTime(d.talliedAt, locale) })}</p> : null}
          </>
        ) : turnout && d.status === "open" ? (
          <>
            <p data-testid="turnout">{t("deliberations.turnoutSoFar", turnout)}</p>
            <OptionList options={options} />
          </>
        ) : (
          <p className="muted">{t("deliberations.notOpenYetPublic")}</p>
        )}
        <p className="muted">{t("deliberations.privacyNote")}</p>
      </section>

      {ballot ? (
        <section aria-labelledby="ballot" className="card">
          <h2 id="ballot">{t("deliberations.ballotTitle")}</h2>
          {ballot.state === "anonymous" ? (
            <p>
              {t("deliberations.loginToVote")} <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("deliberations.loginLink")}</Link>
            </p>
          ) : ballot.state === "refused" ? (
            <p>{t("deliberations.cannotVote", { reason: t(ballot.reason) })}</p>
          ) : ballot.current?.channel === "paper" ? (
            <p>{t("deliberations.myPaperVote")}</p>
          ) : (
            <Form method="post" className="stack" noValidate>
              {ballot.current ? (
                <p>
                  {t("deliberations.myVote", {
                    option: options.find((o) => o.id === ballot.current!.optionId)?.label ?? "",
                    channel: t(`deliberations.channel.${ballot.current.channel}`),
                  })}
                </p>
              ) : null}
              <fieldset aria-describedby={errors.optionId ? "optionId-error" : undefined}>
                <legend>{t("deliberations.ballotLegend")}</legend>
                {options.map((o) => (
                  <div key={o.id}>
                    <input type="radio" id={`option-${o.id}`} name="optionId" value={o.id} defaultChecked={ballot.current?.optionId === o.id} />{" "}
                    <label htmlFor={`option-${o.id}`}>{o.label}</label> <OptionSpend spend={o.spend} />
                  </div>
                ))}
                {errors.optionId ? (
                  <span className="error" id="optionId-error" role="alert">
                    {t(errors.optionId)}
                  </span>
                ) : null}
              </fieldset>
              <button type="submit" name="_intent" value="vote" disabled={busy}>
                {ballot.current ? t("deliberations.changeSubmit") : t("deliberations.voteSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {needs.length > 0 || privateNeeds > 0 ? (
        <section aria-labelledby="needs">
          <h2 id="needs">{t("deliberations.needsTitle")}</h2>
          <ul>
            {needs.map((n) => (
              <li key={n.id}>
                <Link to={`/needs/${n.id}`}>{n.title}</Link>
              </li>
            ))}
            {privateNeeds > 0 ? <li className="muted">{t("deliberations.needsPrivate", { count: privateNeeds })}</li> : null}
          </ul>
        </section>
      ) : null}

      {rounds.previous || rounds.next.length > 0 ? (
        <section aria-labelledby="rounds">
          <h2 id="rounds">{t("deliberations.roundsTitle")}</h2>
          <ul>
            {rounds.previous ? (
              <li>
                <Link to={`/deliberations/${rounds.previous.id}`}>{t("deliberations.previousRound", { question: rounds.previous.question, status: status(rounds.previous.status) })}</Link>
              </li>
            ) : null}
            {rounds.next.map((n) => (
              <li key={n.id}>
                <Link to={`/deliberations/${n.id}`}>{t("deliberations.nextRound", { question: n.question, status: status(n.status) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="comments">
        <h2 id="comments">{t("deliberations.commentsTitle", { count: comments.length })}</h2>
        {comments.length === 0 ? <p className="muted">{t("deliberations.noComments")}</p> : null}
        <ul>
          {comments.map((c) => (
            <li key={c.id}>
              <strong>{t(c.byStaff ? "deliberations.commenter.staff" : "deliberations.commenter.resident")}</strong>{" "}
              <span className="muted">{formatDateTime(c.at, locale)}</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
        {d.status === "open" && ballot && ballot.state !== "anonymous" ? (
          <Form method="post" className="stack" noValidate aria-labelledby="comments">
            <TextArea name="body" label={t("deliberations.commentField")} hint={t("deliberations.commentHint")} required maxLength={500} rows={3} error={errors.body} />
            <button type="submit" name="_intent" value="comment" disabled={busy}>
              {t("deliberations.commentSubmit")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
