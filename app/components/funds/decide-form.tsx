// The second person's form (四眼原则) on one waiting entry — offline income, a disbursement or a
// refund: approve and post it, or send it back with a reason.
import { Form } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export interface DecideFormProps {
  /** The hidden field naming the entry: incomeId, disbursementId or refundId. */
  idField: "incomeId" | "disbursementId" | "refundId";
  id: string;
  /** The id of the heading that names the entry. */
  labelledBy: string;
  reasonError?: string;
  busy: boolean;
}

export function DecideForm({ idField, id, labelledBy, reasonError, busy }: DecideFormProps) {
  const t = useT();
  const reasonId = `reason-${id}`;
  return (
    <Form method="post" className="stack" aria-labelledby={labelledBy}>
      <input type="hidden" name={idField} value={id} />
      <div className="field">
        <label htmlFor={reasonId}>{t("funds.rejectReason")}</label>
        <textarea id={reasonId} name="reason" rows={2} maxLength={500} aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? `${reasonId}-error` : undefined} />
        {reasonError ? (
          <span className="error" id={`${reasonId}-error`} role="alert">
            {t(reasonError)}
          </span>
        ) : null}
      </div>
      <p className="row">
        <button type="submit" name="decision" value="approve" disabled={busy}>
          {t("funds.approve")}
        </button>
        <button type="submit" name="decision" value="reject" className="secondary" disabled={busy}>
          {t("funds.reject")}
        </button>
      </p>
    </Form>
  );
}
