// The project timeline's shape, shared by the server that builds it and the component that shows
// it (the browser bundle must not import a .server module, even for a type).
import type { MessageKey, Params } from "~/locales";

/** Every kind of step, in the order the chain runs: it breaks ties between steps at the same instant. */
export const TIMELINE_KINDS = [
  "need_raised",
  "need_merged",
  "triaged",
  "deliberation_opened",
  "deliberation_result",
  "service_need_published",
  "proposal_selected",
  "agreement_accepted",
  "project_started",
  "milestone_submitted",
  "changes_requested",
  "milestone_accepted",
  "cosigned",
  "ratings",
  "payment_released",
  "payment_instructed",
  "payment_paid",
  "project_completed",
] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One public step of a project's chain, from the first resident need to the last payment. `title`
 * and `detail` are locale keys filled with `params`; `href` is a page anyone may open, or null.
 */
export interface TimelineStep {
  at: Date;
  kind: TimelineKind;
  title: MessageKey;
  detail: MessageKey | null;
  params: Params;
  href: string | null;
}

/** A step as a loader hands it to the page (the date has become a string on the way). */
export type TimelineStepView = Omit<TimelineStep, "at"> & { at: Date | string };
