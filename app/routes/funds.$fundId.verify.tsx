// /funds/<id>/verify: recomputes the fund's hash chain from the database, and checks an uploaded
// export (CSV or JSON): intact or where it breaks, and whether it is the ledger published here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, UploadHandler } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldErrors, FormError, Notice } from "~/components/ui/field";
import { fundName } from "~/domains/funds/queries.server";
import { verifyStoredChain, verifyUpload, verifyUploads, type Verdict } from "~/domains/funds/verify.server";
import { AppError, badInput, isAppError } from "~/utils/errors";
import { readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fund.name ?? "社区基金"} · 校验账目 · 三社联动平台` }];

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runLoader(request, async () => {
    const fund = await fundName(params.fundId ?? "");
    if (!fund) notFoundResponse();
    return { fund, verdict: await verifyStoredChain(fund.id) };
  });
}

/** The uploaded file's text (at most 50 MB read), or a message beside the file field. */
async function uploadedText(request: Request): Promise<string> {
  let text: string | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.length;
      if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk);
    }
    if (name === "file" && size > 0 && text === null) {
      tooLarge = size > MAX_UPLOAD_BYTES;
      text = new TextDecoder().decode(Buffer.concat(chunks));
    }
    return undefined;
  };
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) throw badInput({ file: "funds.verifyFileMissing" });
  try {
    await readForm(request, handler);
  } catch (error) {
    if (isAppError(error) && error.code === "bad_input") throw badInput({ file: "funds.verifyFileUnreadable" });
    throw error;
  }
  if (tooLarge) throw badInput({ file: "funds.verifyFileTooLarge" });
  if (text === null) throw badInput({ file: "funds.verifyFileMissing" });
  return text;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return runAction(async () => {
    const release = verifyUploads.enter(context.user ? `user:${context.user.id}` : `address:${context.clientAddress}`);
    try {
      const fund = await fundName(params.fundId ?? "");
      if (!fund) throw new AppError("not_found");
      const result = await verifyUpload(fund.id, await uploadedText(request));
      return { ok: true as const, ...result };
    } finally {
      release();
    }
  });
}

function VerdictText({ verdict, file }: { verdict: Verdict; file?: boolean }) {
  const t = useT();
  if (verdict.intact && verdict.entries === 0 && !file) return <p>{t("funds.verifyEmpty")}</p>;
  if (verdict.intact) {
    return (
      <>
        <Notice>{t(file ? "funds.verifyFileIntact" : "funds.verifyIntact", { entries: verdict.entries })}</Notice>
        <p className="muted" style={{ overflowWrap: "anywhere" }}>
          {t("funds.verifyIntactLast", { hash: verdict.lastHash })}
        </p>
      </>
    );
  }
  return (
    <p className="form-error" role="alert">
      {t(file ? "funds.verifyFileBroken" : "funds.verifyBroken", { seq: verdict.brokenAt, reason: t(verdict.reason) })}
    </p>
  );
}

export default function VerifyLedger() {
  const t = useT();
  const { fund, verdict } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const checked = result && "verdict" in result ? result : null;
  const comparison = checked?.comparison;
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>{fund.name}</Link> · <Link to={`/funds/${fund.id}/ledger`}>{t("funds.viewLedger")}</Link>
      </p>
      <h1>{t("funds.verifyTitle", { fund: fund.name })}</h1>
      <p className="muted">{t("funds.verifyIntro")}</p>
      <section aria-labelledby="server-chain" className="card">
        <h2 id="server-chain" style={{ marginTop: 0 }}>
          {t("funds.verifyServer")}
        </h2>
        <VerdictText verdict={verdict} />
      </section>

      <section aria-labelledby="upload" className="card">
        <h2 id="upload" style={{ marginTop: 0 }}>
          {t("funds.verifyUploadTitle")}
        </h2>
        <p className="muted">{t("funds.verifyUploadHint")}</p>
        {checked ? (
          <div aria-live="polite">
            <VerdictText verdict={checked.verdict} file />
            {comparison === "matches" ? <p className="notice">{t("funds.verifyFileMatches")}</p> : null}
            {comparison === "behind" ? <p className="notice">{t("funds.verifyFileBehind", { entries: checked.verdict.entries })}</p> : null}
            {comparison === "other_fund" ? <p className="form-error">{t("funds.verifyFileOtherFund")}</p> : null}
            {comparison && typeof comparison === "object" ? <p className="form-error">{t("funds.verifyFileDiffers", { seq: comparison.differsAt })}</p> : null}
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="upload">
          <FormError failure={result} />
          <div className="field">
            <label htmlFor="file">{t("funds.verifyFile")}</label>
            <input id="file" name="file" type="file" accept=".csv,.json,text/csv,application/json" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? "file-error" : undefined} />
            {errors.file ? (
              <span className="error" id="file-error" role="alert">
                {t(errors.file)}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={busy}>
            {t("funds.verifySubmit")}
          </button>
        </Form>
      </section>
    </>
  );
}
