// 民事民决: counting a vote, one household one vote. Pure: the worker and the tests call the same
// function; the database gives it the options, the votes and the households eligible at tally time.
//
// The rules, exactly (shown on the public result page too):
// - Eligible: the households of the scope at tally time. A vote of a household no longer in the
//   scope is not counted (it is reported as `ignoredVotes`).
// - Quorum: at least `quorumPercent`% of the eligible households voted, rounded up to whole
//   households: required = ceil(eligible × quorum% / 100), computed in integers. "50% of 10" needs
//   5 (5 passes, 4 fails); "50% of 9" needs 5. With a quorum above 0%, at least one household must
//   vote (so a scope that has no households never passes). A 0% quorum needs nobody.
// - Simple majority (过半数): the leading option has more than half of the votes cast (6 of 10 passes,
//   5 of 10 does not).
// - Two thirds (三分之二): the leading option has at least two thirds of the votes cast (6 of 9
//   passes, 5 of 8 does not).
// - A tie for first place never passes; no votes never pass.
// - Outcome: quorum missed → no_quorum; quorum met but threshold missed → failed; else passed.

export type Threshold = "simple_majority" | "two_thirds";
export type TallyStatus = "passed" | "failed" | "no_quorum";

export interface TallyOption {
  id: string;
  label: string;
}

export interface TallyVote {
  householdId: string;
  optionId: string;
  channel?: "online" | "paper";
}

export interface TallyResult {
  status: TallyStatus;
  counts: { optionId: string; label: string; votes: number }[];
  eligibleHouseholds: number;
  votingHouseholds: number;
  votesCast: number;
  ignoredVotes: number;
  byChannel: { online: number; paper: number };
  quorumPercent: number;
  quorumRequired: number;
  quorumMet: boolean;
  threshold: Threshold;
  /** Votes the leading option needed to pass under the threshold (given the votes cast). */
  votesNeeded: number;
  tieForFirst: boolean;
  winningOptionId: string | null;
}

/** ceil(eligible × percent / 100) in integers; and one household at least when the quorum is above 0%. */
export function quorumRequired(eligible: number, quorumPercent: number): number {
  if (quorumPercent <= 0) return 0;
  return Math.max(1, Math.ceil((eligible * quorumPercent) / 100));
}

/** The smallest number of votes that carries the threshold when `cast` votes were cast. */
export function votesNeededToPass(cast: number, threshold: Threshold): number {
  if (threshold === "two_thirds") return Math.max(1, Math.ceil((cast * 2) / 3));
  return Math.floor(cast / 2) + 1;
}

export function tally(
  options: TallyOption[],
  votes: TallyVote[],
  eligibleHouseholds: Iterable<string>,
  quorumPercent: number,
  threshold: Threshold,
): TallyResult {
  const eligible = new Set(eligibleHouseholds);
  const perOption = new Map(options.map((o) => [o.id, 0]));
  const seen = new Set<string>();
  const byChannel = { online: 0, paper: 0 };
  let ignoredVotes = 0;
  for (const vote of votes) {
    // One per household (the database's primary key guarantees it; the tally does not rely on it).
    if (!eligible.has(vote.householdId) || seen.has(vote.householdId) || !perOption.has(vote.optionId)) {
      ignoredVotes++;
      continue;
    }
    seen.add(vote.householdId);
    perOption.set(vote.optionId, perOption.get(vote.optionId)! + 1);
    byChannel[vote.channel ?? "online"]++;
  }

  const counts = options.map((o) => ({ optionId: o.id, label: o.label, votes: perOption.get(o.id)! }));
  const votesCast = seen.size;
  const required = quorumRequired(eligible.size, quorumPercent);
  const quorumMet = votesCast >= required;
  const top = Math.max(0, ...counts.map((c) => c.votes));
  const leaders = counts.filter((c) => c.votes === top);
  const tieForFirst = top > 0 && leaders.length > 1;
  const votesNeeded = votesNeededToPass(votesCast, threshold);
  const carried = votesCast > 0 && !tieForFirst && top >= votesNeeded;

  const status: TallyStatus = !quorumMet ? "no_quorum" : carried ? "passed" : "failed";
  return {
    status,
    counts,
    eligibleHouseholds: eligible.size,
    votingHouseholds: votesCast,
    votesCast,
    ignoredVotes,
    byChannel,
    quorumPercent,
    quorumRequired: required,
    quorumMet,
    threshold,
    votesNeeded,
    tieForFirst,
    winningOptionId: status === "passed" ? leaders[0].optionId : null,
  };
}
