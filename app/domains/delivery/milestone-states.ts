// The milestone machine of docs/product.md §4: pending → submitted → (changes_requested → submitted)* →
// accepted → paid; also overdue (a pending milestone past its due date, still reportable).
import type { Milestone } from "@db/schema";

type Status = Milestone["status"];

/** The organisation may (re)submit a report. */
export const canSubmit = (status: Status) => status === "pending" || status === "changes_requested" || status === "overdue";

/** The organisation may work on a draft (also before the first submission). */
export const canDraft = canSubmit;

/** Staff may accept or send back the report under review. */
export const underReview = (status: Status) => status === "submitted";

/** Residents may rate once the milestone has been reported, during the rating window. */
export function ratingOpen(m: Pick<Milestone, "ratingOpensAt" | "ratingClosesAt">, now: Date): boolean {
  return !!m.ratingOpensAt && !!m.ratingClosesAt && m.ratingOpensAt <= now && now < m.ratingClosesAt;
}

/** What a milestone still waits for before it is accepted, in the order people act. */
export type Waiting = "report" | "staff" | "cosign" | "ratings" | "payment" | null;

export function waitingFor(
  m: Pick<Milestone, "status" | "staffAcceptedBy" | "cosignedBy">,
  project: { requiresCosign: boolean; ratingBarTenths: number | null },
  barMet: boolean,
): Waiting {
  if (m.status === "paid") return null;
  if (m.status === "accepted") return "payment";
  if (m.status !== "submitted") return "report";
  if (!m.staffAcceptedBy) return "staff";
  if (project.requiresCosign && !m.cosignedBy) return "cosign";
  if (project.ratingBarTenths !== null && !barMet) return "ratings";
  return null;
}
