// Members of an organisation: invitations by phone or email, roles, the last owner, and
// social workers' certificates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "@db/client";
import { quietLogger } from "@db/migrate";
import { auditLog, invitations, memberships, messageOutbox, notifications, socialWorkerCertificates } from "@db/schema";
import { acceptInvitation } from "~/domains/orgs/accept-invitation.server";
import { changeMemberRole } from "~/domains/orgs/change-member-role.server";
import { inviteMember } from "~/domains/orgs/invite-member.server";
import { recordCertificate } from "~/domains/orgs/record-certificate.server";
import { removeMember } from "~/domains/orgs/remove-member.server";
import { reviewCertificate } from "~/domains/orgs/review-certificate.server";
import { revokeInvitation } from "~/domains/orgs/revoke-invitation.server";
import { certifiedWorkerCount } from "~/domains/marketplace/eligibility.server";
import { taskList } from "../../workers/run";
import { INVITATIONS_PER_DAY } from "~/domains/orgs/invitations.server";
import { verifyContact } from "~/domains/accounts/verify-contact.server";
import { actorOf, createOrg, createUser, refusalOf, TEST_PASSWORD, validCreditCode } from "../factories";
import { signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const runWorker = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger });
const roleOf = async (orgId: string, userId: string) =>
  (await db().select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))))[0]?.role ?? null;

/** A verified agency with an owner, an admin and a plain member. */
async function agency() {
  const [owner, admin, member] = await Promise.all([createUser({ name: "负责人" }), createUser({ name: "管理员" }), createUser({ name: "社工" })]);
  const org = await createOrg({ kind: "social_work_agency", creditCode: validCreditCode(), members: [[owner.id, "owner"], [admin.id, "admin"], [member.id, "member"]] });
  return { org, owner, admin, member };
}

describe("inviting members", () => {
  it("an admin invites someone by mobile number; a text with the accept link goes out; they sign in with that number, accept, and are a member", async () => {
    const { org, admin } = await agency();
    const res = await (await signedIn(app, admin.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "invite", contact: "+86 137-1234-5678", role: "member" });
    expect(res.status).toBe(200);
    const [invitation] = await db().select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(invitation).toMatchObject({ contact: "13712345678", role: "member", invitedBy: admin.id });

    await runWorker();
    const [text] = await db().select().from(messageOutbox).where(eq(messageOutbox.to, "13712345678"));
    expect(text.channel).toBe("sms");
    expect(text.body).toContain(`/invitations/${invitation.id}`);
    expect(text.body).toContain(org.name);

    const invitee = await createUser({ phone: "13712345678", name: "新社工" });
    const c = await signedIn(app, invitee.phone!, TEST_PASSWORD);
    const page = await c.get(`/invitations/${invitation.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("接受邀请");
    const accepted = await c.post(`/invitations/${invitation.id}`, {});
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/orgs/${org.id}/manage`);
    expect(await roleOf(org.id, invitee.id)).toBe("member");
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, invitation.id), eq(auditLog.action, "invitation.accept")));
    expect(audit).toMatchObject({ actorId: invitee.id, fromState: "open", toState: "accepted" });
  });

  it("someone who already has an account gets the invitation in the app as well, by email", async () => {
    const { org, owner } = await agency();
    const existing = await createUser({ email: "already.here@example.cn" });
    await inviteMember({ actor: await actorOf(owner), orgId: org.id, input: { contact: { email: "already.here@example.cn" }, role: "admin" } });
    await runWorker();
    const [note] = await db().select().from(notifications).where(eq(notifications.userId, existing.id));
    expect(note).toMatchObject({ kind: "org.invitation" });
    expect(note.link).toMatch(/^\/invitations\//);
    expect(await db().select().from(messageOutbox).where(eq(messageOutbox.to, "already.here@example.cn"))).toHaveLength(1);
    await runWorker();
    expect(await db().select().from(messageOutbox).where(eq(messageOutbox.to, "already.here@example.cn"))).toHaveLength(1);
  });

  it("whoever signed up first with the invited number cannot claim the invitation until they prove they hold it", async () => {
    const { org, owner } = await agency();
    const squatter = await createUser({ phone: "13712340001", name: "抢注的人", verified: false });
    const { invitationId } = await inviteMember({ actor: await actorOf(owner), orgId: org.id, input: { contact: { phone: "13712340001" }, role: "admin" } });
    await runWorker();
    // The invitation goes to the number itself by text, not into the claimant's account.
    expect(await db().select().from(notifications).where(eq(notifications.userId, squatter.id))).toHaveLength(0);
    expect(await db().select().from(messageOutbox).where(eq(messageOutbox.to, "13712340001"))).toHaveLength(1);

    const c = await signedIn(app, squatter.phone!, TEST_PASSWORD);
    const page = await (await c.get(`/invitations/${invitationId}`)).text();
    expect(page).toContain("请先验证 137****0001，再接受此邀请");
    expect(page).not.toContain("接受邀请</button>");
    const refused = await c.post(`/invitations/${invitationId}`, {});
    expect(refused.status).toBe(403);
    expect(await roleOf(org.id, squatter.id)).toBeNull();
    const [still] = await db().select().from(invitations).where(eq(invitations.id, invitationId));
    expect(still.acceptedAt).toBeNull();

    // The person who really holds the number types the code sent there, and then accepts.
    const holder = await actorOf(squatter);
    await c.post("/account/verify?intent=send", { channel: "phone" });
    const [code] = await db().select().from(messageOutbox).where(and(eq(messageOutbox.to, "13712340001"), eq(messageOutbox.subject, "三社联动平台验证码")));
    await verifyContact({ actor: holder, channel: "phone", code: code.body.match(/\d{6}/)![0] });
    await acceptInvitation({ actor: holder, invitationId });
    expect(await roleOf(org.id, squatter.id)).toBe("admin");
  });

  it("an organisation sends at most twenty invitations a day, with a Chinese message after that", async () => {
    const { org, owner } = await agency();
    const actor = await actorOf(owner);
    for (let i = 0; i < INVITATIONS_PER_DAY; i++) {
      await inviteMember({ actor, orgId: org.id, input: { contact: { phone: `1371111${String(i).padStart(4, "0")}` }, role: "member" } });
    }
    const refused = await refusalOf(inviteMember({ actor, orgId: org.id, input: { contact: { phone: "13722229999" }, role: "member" } }));
    expect(refused).toMatchObject({ code: "rate_limited", messageKey: "orgs.tooManyInvitations" });
    expect(await db().select().from(invitations).where(eq(invitations.orgId, org.id))).toHaveLength(INVITATIONS_PER_DAY);
  });

  it("a member who is not an owner or admin cannot invite, and no invitation is written", async () => {
    const { org, member } = await agency();
    const res = await (await signedIn(app, member.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "invite", contact: "13700000001", role: "member" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("您没有权限进行此操作");
    expect(await db().select().from(invitations).where(eq(invitations.orgId, org.id))).toHaveLength(0);
  });

  it("an admin cannot invite an owner; an owner can", async () => {
    const { org, owner, admin } = await agency();
    await expect(inviteMember({ actor: await actorOf(admin), orgId: org.id, input: { contact: { phone: "13700000002" }, role: "owner" } })).rejects.toMatchObject({
      code: "forbidden",
      messageKey: "orgs.onlyOwnerHandlesOwners",
    });
    await inviteMember({ actor: await actorOf(owner), orgId: org.id, input: { contact: { phone: "13700000002" }, role: "owner" } });
  });

  it("refuses a malformed contact, a current member and a second open invitation beside the field", async () => {
    const { org, owner, member } = await agency();
    const c = await signedIn(app, owner.phone!, TEST_PASSWORD);
    const bad = await c.post(`/orgs/${org.id}/manage`, { _intent: "invite", contact: "12345", role: "member" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("请输入 11 位中国大陆手机号或有效的电子邮箱");
    const existing = await c.post(`/orgs/${org.id}/manage`, { _intent: "invite", contact: member.phone!, role: "member" });
    expect(await existing.text()).toContain("此人已是本组织成员");
    expect((await c.post(`/orgs/${org.id}/manage`, { _intent: "invite", contact: "13700000003", role: "member" })).status).toBe(200);
    const twice = await c.post(`/orgs/${org.id}/manage`, { _intent: "invite", contact: "13700000003", role: "admin" });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain("已向此手机号或邮箱发出邀请");
  });

  it("someone signed in with another account cannot accept an invitation sent to someone else", async () => {
    const { org, owner } = await agency();
    const { invitationId } = await inviteMember({ actor: await actorOf(owner), orgId: org.id, input: { contact: { phone: "13700000004" }, role: "admin" } });
    const other = await createUser();
    const c = await signedIn(app, other.phone!, TEST_PASSWORD);
    const page = await (await c.get(`/invitations/${invitationId}`)).text();
    expect(page).toContain("您当前登录的账户与邀请的手机号或邮箱不一致");
    expect(page).toContain("137****0004");
    expect(page).not.toContain("13700000004");
    const res = await c.post(`/invitations/${invitationId}`, {});
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("此邀请不是发给您当前登录的账户的");
    expect(await roleOf(org.id, other.id)).toBeNull();
  });

  it("refuses an expired, a revoked and an already-used invitation, each with its own message", async () => {
    const { org, owner } = await agency();
    const actor = await actorOf(owner);
    const invitee = await createUser({ phone: "13700000005" });
    const inviteeActor = await actorOf(invitee);
    const invite = async () => (await inviteMember({ actor, orgId: org.id, input: { contact: { phone: "13700000005" }, role: "member" } })).invitationId;

    const expired = await invite();
    await db().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired));
    await expect(acceptInvitation({ actor: inviteeActor, invitationId: expired })).rejects.toMatchObject({ code: "conflict", messageKey: "orgs.invitationExpired" });

    const revoked = await invite();
    await revokeInvitation({ actor, orgId: org.id, invitationId: revoked });
    const c = await signedIn(app, invitee.phone!, TEST_PASSWORD);
    const revokedPage = await c.post(`/invitations/${revoked}`, {});
    expect(revokedPage.status).toBe(409);
    expect(await revokedPage.text()).toContain("此邀请已被组织撤回");

    const used = await invite();
    await acceptInvitation({ actor: inviteeActor, invitationId: used });
    await expect(acceptInvitation({ actor: await actorOf(invitee), invitationId: used })).rejects.toMatchObject({ code: "conflict", messageKey: "orgs.invitationUsed" });
    expect((await c.get(`/invitations/no-such-invitation`)).status).toBe(404);
  });

  it("sends a visitor with the link to the login page, and back to the invitation afterwards", async () => {
    const res = await fetch(`${app.baseUrl}/invitations/any-id`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Finvitations%2Fany-id");
  });
});

describe("roles and the last owner", () => {
  it("an admin makes a member an admin, and the audit row records the change of role", async () => {
    const { org, admin, member } = await agency();
    const res = await (await signedIn(app, admin.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "changeRole", userId: member.id, role: "admin" });
    expect(res.status).toBe(200);
    expect(await roleOf(org.id, member.id)).toBe("admin");
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, org.id), eq(auditLog.action, "membership.change_role")));
    expect(audit).toMatchObject({ actorId: admin.id, fromState: "member", toState: "admin", detail: { userId: member.id } });
  });

  it("an organisation never loses its last owner: they can be neither removed nor demoted", async () => {
    const { org, owner } = await agency();
    const c = await signedIn(app, owner.phone!, TEST_PASSWORD);
    const remove = await c.post(`/orgs/${org.id}/manage`, { _intent: "remove", userId: owner.id });
    expect(remove.status).toBe(409);
    expect(await remove.text()).toContain("组织至少要保留一名负责人");
    await expect(changeMemberRole({ actor: await actorOf(owner), orgId: org.id, userId: owner.id, role: "admin" })).rejects.toMatchObject({ code: "conflict", messageKey: "orgs.lastOwner" });
    expect(await roleOf(org.id, owner.id)).toBe("owner");
  });

  it("with a second owner appointed, the first can step down", async () => {
    const { org, owner, admin } = await agency();
    await changeMemberRole({ actor: await actorOf(owner), orgId: org.id, userId: admin.id, role: "owner" });
    await removeMember({ actor: await actorOf(admin), orgId: org.id, userId: owner.id });
    expect(await roleOf(org.id, owner.id)).toBeNull();
    expect(await roleOf(org.id, admin.id)).toBe("owner");
  });

  it("an admin can remove a member but not an owner, and a plain member can remove no one", async () => {
    const { org, owner, admin, member } = await agency();
    await expect(removeMember({ actor: await actorOf(admin), orgId: org.id, userId: owner.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember({ actor: await actorOf(member), orgId: org.id, userId: admin.id })).rejects.toMatchObject({ code: "forbidden" });
    await removeMember({ actor: await actorOf(admin), orgId: org.id, userId: member.id });
    expect(await roleOf(org.id, member.id)).toBeNull();
    expect(await roleOf(org.id, owner.id)).toBe("owner");
  });

  it("an admin of one organisation cannot manage the members of another", async () => {
    const first = await agency();
    const second = await agency();
    await expect(removeMember({ actor: await actorOf(first.admin), orgId: second.org.id, userId: second.member.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember({ actor: await actorOf(first.admin), orgId: first.org.id, userId: second.member.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("social worker certificates", () => {
  it("a member records their certificate, the owner verifies it, the member is told, and the public page counts one certified social worker", async () => {
    const { org, owner, member } = await agency();
    const c = await signedIn(app, member.phone!, TEST_PASSWORD);
    const res = await c.post(`/orgs/${org.id}/manage`, { _intent: "recordCertificate", level: "intermediate", number: "2021 3202 1300 0456" });
    expect(res.status).toBe(200);
    const [certificate] = await db().select().from(socialWorkerCertificates).where(eq(socialWorkerCertificates.userId, member.id));
    expect(certificate).toMatchObject({ orgId: org.id, level: "intermediate", number: "2021320213000456", status: "pending" });
    expect(await (await fetch(`${app.baseUrl}/orgs/${org.id}`)).text()).toContain("0 人");

    const verified = await (await signedIn(app, owner.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "verifyCertificate", certificateId: certificate.id });
    expect(verified.status).toBe(200);
    const [after] = await db().select().from(socialWorkerCertificates).where(eq(socialWorkerCertificates.id, certificate.id));
    expect(after).toMatchObject({ status: "verified", reviewedBy: owner.id });
    expect(await (await fetch(`${app.baseUrl}/orgs/${org.id}`)).text()).toContain("1 人");

    await runWorker();
    const [note] = await db().select().from(notifications).where(eq(notifications.userId, member.id));
    expect(note).toMatchObject({ kind: "certificate.verified", title: "您的社工证书已核验" });
  });

  it("a certificate number is recorded once on the platform", async () => {
    const first = await agency();
    const second = await agency();
    await recordCertificate({ actor: await actorOf(first.member), orgId: first.org.id, input: { level: "assistant", number: "CERT000777" } });
    await expect(recordCertificate({ actor: await actorOf(second.member), orgId: second.org.id, input: { level: "assistant", number: "CERT000777" } })).rejects.toMatchObject({
      code: "bad_input",
      fieldErrors: { number: "orgs.certificateNumberTaken" },
    });
  });

  it("refuses a bad level or number beside the fields", async () => {
    const { org, member } = await agency();
    const res = await (await signedIn(app, member.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "recordCertificate", level: "expert", number: "12" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("请选择证书等级");
    expect(html).toContain("证书编号应为 6–32 位数字或字母");
  });

  it("the admin of another organisation cannot verify a certificate, and neither can a plain member", async () => {
    const first = await agency();
    const second = await agency();
    const { certificateId } = await recordCertificate({ actor: await actorOf(first.member), orgId: first.org.id, input: { level: "senior", number: "SENIOR2024001" } });
    await expect(reviewCertificate({ actor: await actorOf(second.owner), orgId: first.org.id, certificateId, decision: "verified" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(reviewCertificate({ actor: await actorOf(second.owner), orgId: second.org.id, certificateId, decision: "verified" })).rejects.toMatchObject({ code: "not_found" });
    await expect(reviewCertificate({ actor: await actorOf(first.member), orgId: first.org.id, certificateId, decision: "verified" })).rejects.toMatchObject({ code: "forbidden" });
    const [certificate] = await db().select().from(socialWorkerCertificates).where(eq(socialWorkerCertificates.id, certificateId));
    expect(certificate.status).toBe("pending");
  });

  it("an admin cannot verify their own certificate (another owner or admin of the organisation checks it), and it does not count until then", async () => {
    const { org, owner, admin } = await agency();
    const { certificateId } = await recordCertificate({ actor: await actorOf(admin), orgId: org.id, input: { level: "intermediate", number: "SELF2024001" } });
    await expect(reviewCertificate({ actor: await actorOf(admin), orgId: org.id, certificateId, decision: "verified" })).rejects.toMatchObject({
      code: "forbidden",
      messageKey: "orgs.certificateNotYourOwn",
    });
    const byHand = await (await signedIn(app, admin.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "verifyCertificate", certificateId });
    expect(byHand.status).toBe(403);
    expect(await byHand.text()).toContain("不能核验自己的证书");
    expect(await certifiedWorkerCount(org.id)).toBe(0);
    const adminView = await (await (await signedIn(app, admin.phone!, TEST_PASSWORD)).get(`/orgs/${org.id}/manage`)).text();
    expect(adminView).toContain("须由本组织另一位负责人或管理员核验");
    // Nor can any other path: the database refuses a certificate checked by its holder.
    await expect(db().update(socialWorkerCertificates).set({ status: "verified", reviewedBy: admin.id }).where(eq(socialWorkerCertificates.id, certificateId))).rejects.toThrow();

    await reviewCertificate({ actor: await actorOf(owner), orgId: org.id, certificateId, decision: "verified" });
    expect(await certifiedWorkerCount(org.id)).toBe(1);
  });

  it("a certificate is decided once; a rejected one can be recorded again and goes back for checking", async () => {
    const { org, admin, member } = await agency();
    const input = { level: "assistant" as const, number: "ASSIST2023009" };
    const { certificateId } = await recordCertificate({ actor: await actorOf(member), orgId: org.id, input });
    await reviewCertificate({ actor: await actorOf(admin), orgId: org.id, certificateId, decision: "rejected" });
    await expect(reviewCertificate({ actor: await actorOf(admin), orgId: org.id, certificateId, decision: "verified" })).rejects.toMatchObject({
      code: "conflict",
      messageKey: "orgs.certificateAlreadyReviewed",
    });
    const again = await recordCertificate({ actor: await actorOf(member), orgId: org.id, input: { ...input, level: "intermediate" } });
    expect(again.certificateId).toBe(certificateId);
    const [certificate] = await db().select().from(socialWorkerCertificates).where(eq(socialWorkerCertificates.id, certificateId));
    expect(certificate).toMatchObject({ status: "pending", level: "intermediate" });
  });

  it("someone who is not a member cannot record a certificate with the organisation", async () => {
    const { org } = await agency();
    const stranger = await createUser();
    await expect(recordCertificate({ actor: await actorOf(stranger), orgId: org.id, input: { level: "assistant", number: "STRANGER001" } })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the management page", () => {
  it("is for members only; managers see contacts and the invite form, plain members see neither", async () => {
    const { org, owner, member } = await agency();
    const stranger = await createUser();
    expect((await (await signedIn(app, stranger.phone!, TEST_PASSWORD)).get(`/orgs/${org.id}/manage`)).status).toBe(403);
    const managerView = await (await (await signedIn(app, owner.phone!, TEST_PASSWORD)).get(`/orgs/${org.id}/manage`)).text();
    expect(managerView).toContain("邀请成员");
    expect(managerView).toContain(member.phone!);
    const memberView = await (await (await signedIn(app, member.phone!, TEST_PASSWORD)).get(`/orgs/${org.id}/manage`)).text();
    expect(memberView).toContain("负责人");
    expect(memberView).not.toContain("邀请成员");
    expect(memberView).not.toContain(owner.phone!);
    expect(memberView).toContain("登记我的证书");
  });

  it("an unknown action is refused as bad input, never a 500", async () => {
    const { org, owner } = await agency();
    const res = await (await signedIn(app, owner.phone!, TEST_PASSWORD)).post(`/orgs/${org.id}/manage`, { _intent: "explode" });
    expect(res.status).toBe(422);
  });
});
