// A proposal's attachments: name and size, each a download; with upload and remove forms while the
// organisation may still edit the proposal.
import { Form } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export interface AttachmentItem {
  id: string;
  fileName: string;
  bytes: number;
}

export function fileSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ProposalAttachments(props: { proposalId: string; attachments: AttachmentItem[]; editable: boolean; error?: string; busy: boolean }) {
  const t = useT();
  const { proposalId, attachments, editable, error, busy } = props;
  return (
    <section className="card stack" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("proposals.attachmentsTitle")}</h2>
      {attachments.length ? (
        <ul>
          {attachments.map((a) => (
            <li key={a.id} className="row">
              <a href={`/proposals/${proposalId}/attachments/${a.id}`} download>
                {a.fileName}
              </a>
              <span className="muted">{fileSize(a.bytes)}</span>
              {editable ? (
                <Form method="post">
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <button type="submit" name="_intent" value="removeAttachment" disabled={busy} aria-label={t("proposals.attachmentRemove", { name: a.fileName })}>
                    {t("proposals.attachmentRemoveButton")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("proposals.attachmentsNone")}</p>
      )}
      {editable ? (
        <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="attachments-title">
          <input type="hidden" name="_intent" value="attach" />
          <div className="field">
            <label htmlFor="attachment">{t("proposals.attachmentField")}</label>
            <span className="hint" id="attachment-hint">
              {t("proposals.attachmentHint")}
            </span>
            <input
              id="attachment"
              name="attachment"
              type="file"
              accept="application/pdf,image/jpeg,image/png,image/webp"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "attachment-hint attachment-error" : "attachment-hint"}
            />
            {error ? (
              <span className="error" id="attachment-error" role="alert">
                {t(error)}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={busy}>
            {t("proposals.attachmentUpload")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
