// The form of 民事民提, for a resident at home (/needs/new) and for staff at the counter
// (/community/<id>/needs/new, with the resident's phone). Photos go up in the same request.
import { Form, useNavigation } from "@remix-run/react";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "~/domains/needs/schemas";
import { useT } from "~/utils/i18n";

export interface RaiseNeedFormProps {
  communityName: string;
  places: { value: string; label: string }[];
  defaultPlaceId?: string;
  /** Staff filing for a resident: ask who the resident is. */
  forResident?: boolean;
  result: unknown;
}

export function RaiseNeedForm({ communityName, places, defaultPlaceId, forResident, result }: RaiseNeedFormProps) {
  const t = useT();
  const errors = fieldErrors(result);
  const params = (result as { params?: Record<string, string | number> } | undefined)?.params;
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate>
      <FormError failure={result} />
      {forResident ? (
        <TextField name="resident" label={t("needs.field.resident")} hint={t("needs.field.residentHint")} required inputMode="tel" autoComplete="off" error={errors.resident} />
      ) : null}
      <TextField name="title" label={t("needs.field.title")} hint={t("needs.field.titleHint")} required maxLength={60} error={errors.title} />
      <TextArea name="description" label={t("needs.field.description")} hint={t("needs.field.descriptionHint")} required maxLength={2000} error={errors.description} />
      <SelectField
        name="category"
        label={t("needs.field.category")}
        required
        defaultValue=""
        error={errors.category}
        options={[{ value: "", label: t("needs.chooseCategory") }, ...NEED_CATEGORIES.map((c) => ({ value: c, label: t(`needs.category.${c}`) }))]}
      />
      <SelectField
        name="placeId"
        label={t("needs.field.place")}
        hint={t("needs.field.placeHint", { community: communityName })}
        defaultValue={defaultPlaceId ?? ""}
        error={errors.placeId}
        options={[{ value: "", label: `${communityName}（${t("needs.field.wholeCommunity")}）` }, ...places]}
      />
      <div className="field">
        <label htmlFor="photos">{t("needs.field.photos")}</label>
        <span className="hint" id="photos-hint">
          {t("needs.field.photosHint", { max: MAX_PHOTOS, mb: MAX_PHOTO_BYTES / 1024 / 1024 })}
        </span>
        <input
          id="photos"
          name="photos"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={errors.photos ? true : undefined}
          aria-describedby={errors.photos ? "photos-hint photos-error" : "photos-hint"}
        />
        {errors.photos ? (
          <span className="error" id="photos-error" role="alert">
            {t(errors.photos, params)}
          </span>
        ) : null}
      </div>
      <div className="field">
        <span className="row">
          <input id="isPublic" name="isPublic" type="checkbox" aria-describedby="isPublic-hint" />
          <label htmlFor="isPublic">{t("needs.field.isPublic")}</label>
        </span>
        <span className="hint" id="isPublic-hint">
          {t("needs.field.isPublicHint")}
        </span>
      </div>
      <button type="submit" disabled={busy}>
        {t("needs.submit")}
      </button>
    </Form>
  );
}
