// A service need withdrawn by its community keeps its proposals sealed for good (issue 10, defect
// 12): otherwise staff could withdraw a need, wait for its deadline, read every price and approach,
// and post the need again (bid shopping). Each organisation still reads its own proposal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withdrawServiceNeed } from "~/domains/marketplace/withdraw-service-need.server";
import { addAttachment } from "~/domains/proposals/attachments.server";
import { proposalForViewer, proposalsForCommunity } from "~/domains/proposals/queries.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { biddingOrg, createServiceNeed, passDeadline, proposalInput, purchasingCommunity, TEST_PASSWORD, temporaryStorage } from "../factories";
import { signedIn, startTestApp, type TestApp } from "../factories/http";

const storage = temporaryStorage("sanshe-withdrawn-need-");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

const login = (user: { phone: string | null }) => signedIn(app, user.phone!, TEST_PASSWORD);
const pdf = new Uint8Array(Buffer.from("%PDF-1.7\n% 报价明细\n1 0 obj << >> endobj\n%%EOF\n", "utf8"));

async function withdrawnNeed(options: { when: "before the deadline" | "after the deadline" }) {
  const community = await purchasingCommunity();
  const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id });
  const bidder = await biddingOrg({ name: `密封社工${Date.now()}` });
  const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) });
  const { id: attachmentId } = await addAttachment({ actor: bidder.ownerActor, proposalId: draft.id, upload: { fileName: "报价明细.pdf", bytes: pdf, tooLarge: false } });
  await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
  if (options.when === "after the deadline") await passDeadline(need.id);
  await withdrawServiceNeed({ actor: community.staff, serviceNeedId: need.id, reason: "经费来源调整，重新发布" });
  await passDeadline(need.id);
  return { community, need, bidder, proposalId: draft.id, attachmentId };
}

describe("a withdrawn service need's proposals stay sealed", () => {
  for (const when of ["before the deadline", "after the deadline"] as const) {
    it(`withdrawn ${when}, its community's staff read no proposal, no comparison and no attachment once the deadline has passed`, async () => {
      const s = await withdrawnNeed({ when });
      expect(await proposalForViewer(s.community.staff, s.proposalId)).toBeNull();
      const listed = await proposalsForCommunity(s.community.staff, s.community.community.id, s.need.id);
      expect(listed?.proposals ?? []).toEqual([]);

      const staff = await login(s.community.staffUser);
      expect((await staff.get(`/proposals/${s.proposalId}`)).status).toBe(404);
      expect((await staff.get(`/proposals/${s.proposalId}.data`)).status).toBe(404);
      expect((await staff.get(`/proposals/${s.proposalId}/attachments/${s.attachmentId}`)).status).toBe(404);
      const compare = `/community/${s.community.community.id}/service-needs/${s.need.id}/proposals`;
      for (const path of [compare, `${compare}.data`]) {
        const res = await staff.get(path);
        const body = await res.text();
        expect(body, path).not.toContain(s.bidder.org.name);
        expect(body, path).not.toContain("依托社区长者食堂");
      }
      expect(await (await staff.get(`/proposals/results/${s.need.id}`)).text()).not.toContain(s.bidder.org.name);
    });
  }

  it("the organisation that wrote a proposal still reads it, and its attachment", async () => {
    const s = await withdrawnNeed({ when: "before the deadline" });
    expect((await proposalForViewer(s.bidder.ownerActor, s.proposalId))?.viewer).toBe("own");
    const own = await login(s.bidder.owner);
    expect((await own.get(`/proposals/${s.proposalId}`)).status).toBe(200);
    expect((await own.get(`/proposals/${s.proposalId}/attachments/${s.attachmentId}`)).status).toBe(200);
  });
});
