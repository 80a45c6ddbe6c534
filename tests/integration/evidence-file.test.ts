import { afterAll, describe, expect, it } from "vitest";
import { checkEvidenceUpload } from "~/domains/delivery/evidence.server";
import { evidenceFile } from "~/domains/delivery/evidence-file.server";
import { addEvidence, saveDraft, submitReport } from "~/domains/delivery/reports.server";
import { reportDraftSchema } from "~/domains/delivery/schemas";
import { actorOf, createUser, refusalOf, temporaryStorage } from "../factories";
import { deliveryProject, photoTakenAt } from "../factories/delivery";

const storage = temporaryStorage("sanshe-evidence-file-");
afterAll(() => storage.remove());

const report = () => reportDraftSchema.parse({ narrative: "本阶段完成了 27 个单元的路灯安装。", actual: "27", group: ["住户"], groupCount: ["81"], hours: "12", spent: "3000" });

async function photo() {
  const file = await checkEvidenceUpload({ fileName: "签到表.jpg", bytes: photoTakenAt({ takenAt: "2026:11:20 19:30:00", latitude: 29.5312, longitude: 106.5721 }), tooLarge: false });
  if ("error" in file) throw new Error(file.error);
  return file;
}

describe("an evidence file of a milestone report", () => {
  it("is the organisation's own while the report is a draft, then the project's people see it and nobody else does", async () => {
    const p = await deliveryProject({ fund: "micro_fund" });
    const m = p.milestones[0];
    await saveDraft({ actor: p.reporter, milestoneId: m.id, input: report() });
    const evidence = await addEvidence({ actor: p.reporter, milestoneId: m.id, file: await photo() });
    const ask = (actor: typeof p.staff | null, ids: { projectId?: string; milestoneId?: string } = {}) =>
      evidenceFile({ actor, projectId: ids.projectId ?? p.project.id, milestoneId: ids.milestoneId ?? m.id, evidenceId: evidence.id });

    expect((await ask(p.reporter)).mediaType).toBe("image/jpeg");
    expect((await refusalOf(ask(p.staff))).code).toBe("not_found");

    await submitReport({ actor: p.reporter, milestoneId: m.id });
    const seen = await ask(p.staff);
    expect(seen.bytes.length).toBeGreaterThan(0);
    expect((await ask(p.supervisor)).mediaType).toBe("image/jpeg");

    const stranger = await actorOf(await createUser({ name: "路人" }));
    for (const outsider of [null, stranger, p.residents[0].actor]) {
      expect((await refusalOf(ask(outsider))).code).toBe("not_found");
    }
  });

  it("is not found through another project's address, even by people of both projects", async () => {
    const p = await deliveryProject();
    const other = await deliveryProject();
    const m = p.milestones[0];
    await saveDraft({ actor: p.reporter, milestoneId: m.id, input: report() });
    const evidence = await addEvidence({ actor: p.reporter, milestoneId: m.id, file: await photo() });
    await submitReport({ actor: p.reporter, milestoneId: m.id });

    const viaOtherProject = evidenceFile({ actor: p.reporter, projectId: other.project.id, milestoneId: m.id, evidenceId: evidence.id });
    expect((await refusalOf(viaOtherProject)).code).toBe("not_found");
    const viaOtherMilestone = evidenceFile({ actor: other.staff, projectId: other.project.id, milestoneId: other.milestones[0].id, evidenceId: evidence.id });
    expect((await refusalOf(viaOtherMilestone)).code).toBe("not_found");
  });
});
