// Forms of the organisations area; used by the browser and the server alike. Messages are locale keys.
import { z } from "zod";
import type { MemberRole, OrgKind } from "@db/schema";
import { contact } from "~/domains/accounts/schemas";
import { checkCreditCode, normaliseCreditCode } from "./credit-code";

// Spelled out here (not imported from the db schema) so this module stays light in the browser.
export const ORG_KINDS = ["social_org", "social_work_agency", "community_foundation", "community_committee", "government_unit"] as const satisfies readonly OrgKind[];
export const MEMBER_ROLES = ["owner", "admin", "member"] as const satisfies readonly MemberRole[];
export const CERTIFICATE_LEVELS = ["assistant", "intermediate", "senior"] as const;

const required = { error: "errors.required" } as const;
const recordId = z.string(required).min(1, "errors.required").max(64, "errors.invalid");

/** A form field that may come once, many times or not at all. */
const manyIds = z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(recordId).max(50, "errors.tooLong"));

/** A mainland mobile or a landline with its area code (023-62345678). */
const orgPhone = z
  .string(required)
  .transform((v) => v.replace(/[\s()（）]/g, "").replace(/^\+?86-?/, ""))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "orgs.contactPhoneInvalid"));

const orgFields = z.object({
  name: z.string({ error: "orgs.nameRequired" }).min(2, "orgs.nameRequired").max(100, "errors.tooLong"),
  kind: z.enum(ORG_KINDS, { error: "orgs.kindRequired" }),
  registration: z.enum(["registered", "filed"], { error: "orgs.registrationRequired" }),
  creditCode: z.string().max(40, "orgs.creditCodeMalformed").optional(),
  filingNumber: z.string().max(60, "errors.tooLong").optional(),
  filedWithId: recordId.optional(),
  placeId: z.string({ error: "orgs.placeRequired" }).min(1, "orgs.placeRequired").max(64, "errors.invalid"),
  serviceAreaIds: manyIds,
  description: z.string().max(2000, "errors.tooLong").default(""),
  contactPhone: orgPhone,
});

// The rules below tie fields together; they run whenever the fields they read parsed, so every
// message shows on the first try rather than one round after another.
const onceParsed = (...fields: string[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) => !payload.issues.some((i) => fields.includes(String(i.path?.[0]))),
});
const registered = (v: { registration: string }) => v.registration === "registered";
const filed = (v: { registration: string }) => v.registration === "filed";

/**
 * 登记 needs a well-formed 统一社会信用代码 (a wrong check character is accepted and flagged
 * later, never refused: early pilot codes have one); 备案 is for community social organisations
 * only and needs the filing number and the street it is filed with.
 */
export const orgSchema = orgFields
  .refine((v) => !registered(v) || !!v.creditCode, { path: ["creditCode"], message: "orgs.creditCodeRequired", ...onceParsed("registration", "creditCode") })
  .refine((v) => !registered(v) || !v.creditCode || checkCreditCode(v.creditCode).kind !== "malformed", {
    path: ["creditCode"],
    message: "orgs.creditCodeMalformed",
    ...onceParsed("registration", "creditCode"),
  })
  .refine((v) => !filed(v) || v.kind === "social_org", { path: ["registration"], message: "orgs.filingOnlyForSocialOrgs", ...onceParsed("registration", "kind") })
  .refine((v) => !filed(v) || !!v.filingNumber, { path: ["filingNumber"], message: "orgs.filingNumberRequired", ...onceParsed("registration", "filingNumber") })
  .refine((v) => !filed(v) || !!v.filedWithId, { path: ["filedWithId"], message: "orgs.filedWithRequired", ...onceParsed("registration", "filedWithId") })
  .transform((v) => ({
    ...v,
    creditCode: v.registration === "registered" && v.creditCode ? normaliseCreditCode(v.creditCode) : null,
    filingNumber: v.registration === "filed" ? (v.filingNumber ?? null) : null,
    filedWithId: v.registration === "filed" ? (v.filedWithId ?? null) : null,
    serviceAreaIds: [...new Set(v.serviceAreaIds)],
  }));
export type OrgInput = z.infer<typeof orgSchema>;

export const rejectOrgSchema = z.object({
  reason: z.string({ error: "orgs.reasonRequired" }).min(1, "orgs.reasonRequired").max(500, "errors.tooLong"),
});

export const inviteSchema = z.object({
  contact,
  role: z.enum(MEMBER_ROLES, { error: "orgs.roleRequired" }),
});

export const changeRoleSchema = z.object({ userId: recordId, role: z.enum(MEMBER_ROLES, { error: "orgs.roleRequired" }) });
export const memberSchema = z.object({ userId: recordId });
export const invitationSchema = z.object({ invitationId: recordId });

export const certificateSchema = z.object({
  level: z.enum(CERTIFICATE_LEVELS, { error: "orgs.certificateLevelRequired" }),
  number: z
    .string(required)
    .transform((v) => v.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z-]{6,32}$/, "orgs.certificateNumberInvalid")),
});
export const certificateDecisionSchema = z.object({ certificateId: recordId });

/** The public list's filters; anything odd in the address is ignored rather than refused. */
export const orgSearchSchema = z.object({
  q: z.string().max(50).optional().catch(undefined),
  kind: z.enum(ORG_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
});
