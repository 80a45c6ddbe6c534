// Attachments of a proposal: an organisation attaches PDFs and photos while it may still edit the
// proposal; files are checked by their bytes and photos lose their EXIF; and a file is as sealed as
// the proposal it belongs to — rivals, the community before the deadline, admins and anonymous
// visitors get 404, the community gets it after the deadline.
import nodeFs from "node:fs";
import nodePath from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, proposalAttachments } from "@db/schema";
import { addAttachment, MAX_ATTACHMENT_BYTES } from "~/domains/proposals/attachments.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { translate } from "~/locales";
import { biddingOrg, createServiceNeed, createUser, jpegBytes, passDeadline, proposalInput, purchasingCommunity, refusalOf, TEST_PASSWORD, temporaryStorage } from "../factories";
import { client, signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

const storage = temporaryStorage("sanshe-proposal-files-");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

const login = (user: { phone: string | null }) => signedIn(app, user.phone!, TEST_PASSWORD);
const pdf = (text = "方案附件") => new Uint8Array(Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << >> endobj\n%%EOF\n`, "utf8"));
const attachmentsOf = (proposalId: string) => db().select().from(proposalAttachments).where(eq(proposalAttachments.proposalId, proposalId));
const filesOf = (proposalId: string) => {
  const dir = nodePath.join(storage.dir, "proposals", proposalId);
  return nodeFs.existsSync(dir) ? nodeFs.readdirSync(dir).filter((f) => !f.endsWith(".type")) : [];
};

async function scene(options: { submit?: boolean } = {}) {
  const community = await purchasingCommunity();
  const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id });
  const bidder = await biddingOrg({ name: `善行社工${Date.now()}` });
  const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) });
  if (options.submit ?? true) await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
  return { community, need, bidder, proposalId: draft.id };
}

/** Posts the attachment form as a browser does: multipart, the file under `attachment`. */
async function upload(browser: Browserish, proposalId: string, file: { name: string; bytes: Uint8Array; type: string }) {
  const body = new FormData();
  body.append("_intent", "attach");
  body.append("attachment", new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return fetch(`${app.baseUrl}/proposals/${proposalId}`, { method: "POST", body, redirect: "manual", headers: { cookie: browser.cookie, origin: app.baseUrl } });
}

describe("an organisation attaches files to its proposal", () => {
  it("a member uploads a photo and a PDF: both are stored under ids, listed on the page, the photo without its EXIF, each step audited", async () => {
    const s = await scene();
    const own = await login(s.bidder.owner);
    const photo = jpegBytes({ exif: "GPS 31.2304N 121.4737E 张阿姨家" });
    expect((await upload(own, s.proposalId, { name: "活动照片.jpg", bytes: photo, type: "image/jpeg" })).status).toBe(200);
    expect((await upload(own, s.proposalId, { name: "../../机构资质 证明.pdf", bytes: pdf(), type: "application/pdf" })).status).toBe(200);

    const rows = await attachmentsOf(s.proposalId);
    expect(rows.map((r) => [r.fileName, r.contentType]).sort()).toEqual([
      ["机构资质 证明.pdf", "application/pdf"],
      ["活动照片.jpg", "image/jpeg"],
    ]);
    for (const r of rows) expect(r.storageKey).toBe(`proposals/${s.proposalId}/${r.id}`);
    expect(filesOf(s.proposalId).sort()).toEqual(rows.map((r) => r.id).sort());
    const stored = nodeFs.readFileSync(nodePath.join(storage.dir, rows.find((r) => r.contentType === "image/jpeg")!.storageKey));
    expect(stored.toString("latin1")).not.toContain("GPS");
    expect(stored.length).toBeLessThan(photo.length);

    const page = await (await own.get(`/proposals/${s.proposalId}`)).text();
    expect(page).toContain("活动照片.jpg");
    expect(page).toContain("机构资质 证明.pdf");
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, s.proposalId));
    expect(audit.filter((a) => a.action === "proposal.attachment.add")).toHaveLength(2);

    const file = await own.get(`/proposals/${s.proposalId}/attachments/${rows.find((r) => r.contentType === "image/jpeg")!.id}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString("latin1")).not.toContain("GPS");
  });

  it("an HTML page or a fake PDF named like a PDF is refused beside the field in Chinese, and nothing is stored", async () => {
    const s = await scene();
    const own = await login(s.bidder.owner);
    for (const bytes of [Buffer.from("<html><script>alert(1)</script></html>"), Buffer.from("PDF-1.7 not really")]) {
      const res = await upload(own, s.proposalId, { name: "方案.pdf", bytes: new Uint8Array(bytes), type: "application/pdf" });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("只能上传 PDF 文件或 JPEG、PNG、WebP 图片");
    }
    expect(await attachmentsOf(s.proposalId)).toHaveLength(0);
    expect(filesOf(s.proposalId)).toHaveLength(0);
  });

  it("a file over 10 MB is refused beside the field and nothing is stored", async () => {
    const s = await scene();
    const own = await login(s.bidder.owner);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(pdf());
    const res = await upload(own, s.proposalId, { name: "大文件.pdf", bytes: big, type: "application/pdf" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("单个附件不能超过 10 MB");
    expect(await attachmentsOf(s.proposalId)).toHaveLength(0);
    expect(filesOf(s.proposalId)).toHaveLength(0);
  });

  it("the eleventh attachment is refused, and its file is not kept", async () => {
    const s = await scene({ submit: false });
    for (let i = 0; i < 10; i++) await addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: `附件${i}.pdf`, bytes: pdf(`${i}`), tooLarge: false } });
    const refusal = await refusalOf(addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "附件10.pdf", bytes: pdf("10"), tooLarge: false } }));
    expect(refusal.code).toBe("bad_input");
    expect(translate("zh-CN", refusal.fieldErrors!.attachment)).toBe("每份方案最多 10 个附件");
    expect(await attachmentsOf(s.proposalId)).toHaveLength(10);
    expect(filesOf(s.proposalId)).toHaveLength(10);
  });

  it("after the deadline (database clock) nothing can be attached, over HTTP or directly", async () => {
    const s = await scene();
    const own = await login(s.bidder.owner);
    await passDeadline(s.need.id);
    const refusal = await refusalOf(addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "迟到.pdf", bytes: pdf(), tooLarge: false } }));
    expect(refusal.code).toBe("conflict");
    expect(refusal.messageKey).toBe("proposals.deadlinePassed");
    expect((await upload(own, s.proposalId, { name: "迟到.pdf", bytes: pdf(), type: "application/pdf" })).status).toBe(409);
    expect(await attachmentsOf(s.proposalId)).toHaveLength(0);
    expect(filesOf(s.proposalId)).toHaveLength(0);
  });

  it("a member removes an attachment before the deadline: the row and the file are gone, and the file route answers 404", async () => {
    const s = await scene();
    const own = await login(s.bidder.owner);
    const added = await addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "旧版.pdf", bytes: pdf(), tooLarge: false } });
    expect((await own.post(`/proposals/${s.proposalId}`, { _intent: "removeAttachment", attachmentId: added.id })).status).toBe(200);
    expect(await attachmentsOf(s.proposalId)).toHaveLength(0);
    expect(filesOf(s.proposalId)).toHaveLength(0);
    expect((await own.get(`/proposals/${s.proposalId}/attachments/${added.id}`)).status).toBe(404);
  });

  it("a rival cannot remove or add attachments to someone else's proposal: 404, nothing changes", async () => {
    const s = await scene();
    const added = await addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "方案.pdf", bytes: pdf(), tooLarge: false } });
    const rival = await biddingOrg({ name: "竞争机构" });
    const c = await login(rival.owner);
    expect((await c.post(`/proposals/${s.proposalId}`, { _intent: "removeAttachment", attachmentId: added.id })).status).toBe(404);
    expect((await upload(c, s.proposalId, { name: "x.pdf", bytes: pdf(), type: "application/pdf" })).status).toBe(404);
    expect(await attachmentsOf(s.proposalId)).toHaveLength(1);
  });
});

describe("who downloads an attachment", () => {
  it("before the deadline only the organisation gets the file: a rival, another community, the community itself, an admin and an anonymous visitor get 404", async () => {
    const s = await scene();
    const added = await addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "报价明细.pdf", bytes: pdf(), tooLarge: false } });
    const path = `/proposals/${s.proposalId}/attachments/${added.id}`;
    const rival = await biddingOrg({ name: "竞争机构" });
    const other = await purchasingCommunity();
    const admin = await createUser({ admin: true });
    for (const c of [await login(rival.owner), await login(other.staffUser), await login(s.community.staffUser), await login(admin), client(app)]) {
      const res = await c.get(path);
      expect(res.status, c.cookie).toBe(404);
      expect(await res.text()).not.toContain("%PDF");
    }
    expect((await (await login(s.bidder.owner)).get(path)).status).toBe(200);
  });

  it("after the deadline the community's staff download it, as an attachment with its Chinese name, never cached or sniffed; rivals and admins still get 404", async () => {
    const s = await scene();
    const added = await addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "报价明细.pdf", bytes: pdf(), tooLarge: false } });
    const path = `/proposals/${s.proposalId}/attachments/${added.id}`;
    await passDeadline(s.need.id);
    const staff = await login(s.community.staffUser);
    const res = await staff.get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("报价明细.pdf")}`);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await res.arrayBuffer()).toString("latin1")).toMatch(/^%PDF-/);
    expect(await (await staff.get(`/proposals/${s.proposalId}`)).text()).toContain("报价明细.pdf");
    expect(await (await staff.get(`/community/${s.community.community.id}/service-needs/${s.need.id}/proposals`)).text()).toContain("附件 1 个");
    const rival = await biddingOrg({ name: "竞争机构" });
    for (const c of [await login(rival.owner), await login(await createUser({ admin: true })), client(app)]) expect((await c.get(path)).status).toBe(404);
  });

  it("a draft stays sealed from the community even after the deadline", async () => {
    const s = await scene({ submit: false });
    const added = await addAttachment({ actor: s.bidder.ownerActor, proposalId: s.proposalId, upload: { fileName: "草稿.pdf", bytes: pdf(), tooLarge: false } });
    await passDeadline(s.need.id);
    expect((await (await login(s.community.staffUser)).get(`/proposals/${s.proposalId}/attachments/${added.id}`)).status).toBe(404);
  });
});
