import { describe, expect, it } from "vitest";
import { tally, type TallyVote } from "~/domains/deliberations/tally";

const options = [
  { id: "share", label: "每户分摊" },
  { id: "fund", label: "申请社区微基金" },
  { id: "none", label: "不处理" },
];
const households = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);
/** Votes from h1, h2… in order: e.g. ballots("share", 3, "fund", 2). */
function ballots(...spec: (string | number)[]): TallyVote[] {
  const out: TallyVote[] = [];
  for (let i = 0; i < spec.length; i += 2) {
    for (let k = 0; k < (spec[i + 1] as number); k++) out.push({ householdId: `h${out.length + 1}`, optionId: spec[i] as string });
  }
  return out;
}

describe("the quorum: at least quorum% of the scope's households, rounded up to whole households", () => {
  it("passes with exactly 50% turnout: 5 of 10 households", () => {
    const result = tally(options, ballots("share", 5), households(10), 50, "simple_majority");
    expect(result.quorumRequired).toBe(5);
    expect(result.quorumMet).toBe(true);
    expect(result.status).toBe("passed");
  });

  it("is missed by one household under 50%: 4 of 10 is no quorum, however clear the vote", () => {
    const result = tally(options, ballots("share", 4), households(10), 50, "simple_majority");
    expect(result.status).toBe("no_quorum");
    expect(result.winningOptionId).toBeNull();
  });

  it("rounds up: 50% of 9 households needs 5 of them", () => {
    expect(tally(options, ballots("share", 4), households(9), 50, "simple_majority").status).toBe("no_quorum");
    expect(tally(options, ballots("share", 5), households(9), 50, "simple_majority").status).toBe("passed");
  });

  it("with a 0% quorum needs nobody, yet a vote nobody cast still does not pass", () => {
    const result = tally(options, [], households(10), 0, "simple_majority");
    expect(result.quorumRequired).toBe(0);
    expect(result.quorumMet).toBe(true);
    expect(result.status).toBe("failed");
    expect(tally(options, ballots("fund", 1), households(10), 0, "simple_majority").status).toBe("passed");
  });

  it("is missed when nobody votes, and when the scope has no households at all", () => {
    expect(tally(options, [], households(10), 50, "simple_majority").status).toBe("no_quorum");
    expect(tally(options, [], [], 1, "simple_majority").status).toBe("no_quorum");
  });

  it("counts only households still in the scope at tally time", () => {
    const votes = [...ballots("share", 3), { householdId: "moved-away", optionId: "fund" }];
    const result = tally(options, votes, households(6), 50, "simple_majority");
    expect(result.votingHouseholds).toBe(3);
    expect(result.ignoredVotes).toBe(1);
    expect(result.counts.find((c) => c.optionId === "fund")!.votes).toBe(0);
    expect(result.status).toBe("passed");
  });
});

describe("simple majority: the leading option has more than half of the votes cast", () => {
  it("passes with 6 of 10 and fails with exactly half, 5 of 10", () => {
    expect(tally(options, ballots("share", 6, "fund", 4), households(10), 50, "simple_majority").status).toBe("passed");
    const half = tally(options, ballots("share", 5, "fund", 3, "none", 2), households(10), 50, "simple_majority");
    expect(half.votesNeeded).toBe(6);
    expect(half.status).toBe("failed");
  });

  it("never passes a tie for first place", () => {
    const result = tally(options, ballots("share", 4, "fund", 4), households(8), 50, "simple_majority");
    expect(result.tieForFirst).toBe(true);
    expect(result.status).toBe("failed");
    expect(result.winningOptionId).toBeNull();
  });

  it("counts every option, including those nobody chose, in the order they were offered", () => {
    const result = tally(options, ballots("fund", 2, "share", 1), households(3), 0, "simple_majority");
    expect(result.counts).toEqual([
      { optionId: "share", label: "每户分摊", votes: 1 },
      { optionId: "fund", label: "申请社区微基金", votes: 2 },
      { optionId: "none", label: "不处理", votes: 0 },
    ]);
    expect(result.winningOptionId).toBe("fund");
  });
});

describe("two thirds: the leading option has at least two thirds of the votes cast", () => {
  it("passes with exactly two thirds, 6 of 9, and fails just under, 5 of 8", () => {
    expect(tally(options, ballots("share", 6, "fund", 3), households(9), 50, "two_thirds").status).toBe("passed");
    const under = tally(options, ballots("share", 5, "fund", 3), households(8), 50, "two_thirds");
    expect(under.votesNeeded).toBe(6);
    expect(under.status).toBe("failed");
  });

  it("fails a simple majority that is not two thirds: 6 of 10", () => {
    expect(tally(options, ballots("share", 6, "fund", 4), households(10), 50, "two_thirds").status).toBe("failed");
    expect(tally(options, ballots("share", 7, "fund", 3), households(10), 50, "two_thirds").status).toBe("passed");
  });
});

describe("the result", () => {
  it("reports turnout and channels without any household's choice", () => {
    const votes: TallyVote[] = [
      { householdId: "h1", optionId: "share", channel: "online" },
      { householdId: "h2", optionId: "share", channel: "paper" },
      { householdId: "h3", optionId: "none", channel: "paper" },
    ];
    const result = tally(options, votes, households(4), 75, "simple_majority");
    expect(result).toMatchObject({ eligibleHouseholds: 4, votingHouseholds: 3, byChannel: { online: 1, paper: 2 }, quorumRequired: 3, status: "passed" });
    expect(JSON.stringify(result)).not.toContain("h1");
  });
});
