// Projects in delivery, made straight in the test's database: a community with staff and three
// rating households, a provider organisation with a member who reports, and milestones.
import { db } from "@db/client";
import { milestones as milestoneRows, projects as projectRows, type Deliverable } from "@db/schema";
import { splitByShares } from "~/domains/projects/milestone-split";
import { newId } from "~/utils/ids";
import { actorOf, addResident, createCommunity, createCommunityStaff, createHousehold, createOrg, createUser, fundMoneyIn, fundWithPeople } from "./index";

export interface MilestonePlan {
  title?: string;
  dueDate?: string; // YYYY-MM-DD
  shareBp: number;
  deliverables?: Deliverable[];
}

const DEFAULT_DELIVERABLES: Deliverable[] = [{ indicator: "服务老人", target: 200, unit: "人次" }];
const isoDate = (daysFromNow: number) => new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/**
 * A project in delivery. With `fund: "micro_fund"` the money is the community's own: a micro-fund
 * with ¥`fundYuan` in cash pays, and a supervisor co-signs. Without it, the community committee is
 * the funder and pays by payment instruction.
 */
export async function deliveryProject(
  options: {
    amountFen?: bigint;
    milestones?: MilestonePlan[];
    fund?: "micro_fund";
    fundFen?: bigint;
    ratingBar?: { tenths: number; households: number };
    households?: number;
    title?: string;
  } = {},
) {
  const amountFen = options.amountFen ?? 300_000n;
  const plan = options.milestones ?? [{ shareBp: 10_000 }];
  const withFund = options.fund === "micro_fund" ? await fundWithPeople() : null;
  const places = withFund ?? (await createCommunity());
  // Staff sit on the community's residents' committee, which is also the funder when no fund pays.
  const staff = withFund ? await createCommunityStaff(places.community.id, { name: "李社工" }) : await createUser({ name: "李社工" });
  const funder = withFund ? null : await createOrg({ kind: "community_committee", placeId: places.community.id, members: [[staff.id, "admin"]] });
  const reporter = await createUser({ name: "赵项目主管" });
  const provider = await createOrg({ kind: "social_org", name: `测试服务机构${newId().slice(0, 6)}`, members: [[reporter.id, "admin"]] });
  if (withFund) await fundMoneyIn(withFund.fundId, options.fundFen ?? amountFen);

  const residents = [];
  for (let i = 0; i < (options.households ?? 3); i++) {
    const household = await createHousehold(places.building.id, `${i + 1}单元${i + 1}01`);
    const user = await createUser({ name: `居民${i + 1}` });
    await addResident(user.id, household.id);
    residents.push({ user, household, actor: await actorOf(user) });
  }

  const [project] = await db()
    .insert(projectRows)
    .values({
      id: newId(),
      title: options.title ?? "移民小区路灯维修",
      communityId: places.community.id,
      providerOrgId: provider.id,
      sourceType: "test",
      sourceId: newId(),
      amountFen,
      fundId: withFund?.fundId ?? null,
      funderOrgId: funder?.id ?? null,
      requiresCosign: !!withFund,
      scopePlaceId: places.community.id,
      ratingBarTenths: options.ratingBar?.tenths ?? null,
      ratingBarHouseholds: options.ratingBar?.households ?? null,
      budgetLines: [{ label: "材料费", amountFen: Number(amountFen) }],
      status: "active",
    })
    .returning();
  const amounts = splitByShares(amountFen, plan.map((m) => m.shareBp));
  const milestones = await db()
    .insert(milestoneRows)
    .values(
      plan.map((m, i) => ({
        id: newId(),
        projectId: project.id,
        position: i + 1,
        title: m.title ?? `第${i + 1}阶段`,
        dueDate: m.dueDate ?? isoDate(30 * (i + 1)),
        paymentShareBp: m.shareBp,
        amountFen: amounts[i],
        deliverables: m.deliverables ?? DEFAULT_DELIVERABLES,
        evidenceRequired: "现场照片、签到表",
      })),
    )
    .returning();
  milestones.sort((a, b) => a.position - b.position);

  return {
    ...places,
    project,
    milestones,
    provider,
    funder,
    fundId: withFund?.fundId ?? null,
    staffUser: staff,
    staff: await actorOf(staff),
    reporterUser: reporter,
    reporter: await actorOf(reporter),
    supervisorUser: withFund?.supervisorUser ?? null,
    supervisor: withFund?.supervisor ?? null,
    residents,
  };
}

/**
 * A JPEG whose EXIF says when (camera local time, "YYYY:MM:DD hh:mm:ss") and where (degrees) it was
 * taken: a big-endian TIFF with IFD0 → Exif IFD (DateTimeOriginal) and GPS IFD (N/E, rationals).
 */
export function photoTakenAt(options: { takenAt: string; latitude: number; longitude: number }): Uint8Array {
  const entries = (list: [tag: number, type: number, count: number, value: Buffer | number][], offset: number) => {
    // An IFD at `offset`: entries, next-IFD 0, then the data that does not fit in 4 bytes.
    const head = Buffer.alloc(2 + list.length * 12 + 4);
    head.writeUInt16BE(list.length, 0);
    const data: Buffer[] = [];
    let dataOffset = offset + head.length;
    list.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      head.writeUInt16BE(tag, at);
      head.writeUInt16BE(type, at + 2);
      head.writeUInt32BE(count, at + 4);
      if (typeof value === "number") head.writeUInt32BE(value, at + 8);
      else if (value.length <= 4) value.copy(head, at + 8);
      else {
        head.writeUInt32BE(dataOffset, at + 8);
        data.push(value);
        dataOffset += value.length;
      }
    });
    return Buffer.concat([head, ...data]);
  };
  const rational = (deg: number) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
    const b = Buffer.alloc(24);
    [d, 1, m, 1, s, 100].forEach((v, i) => b.writeUInt32BE(v, i * 4));
    return b;
  };
  const ascii = (s: string) => Buffer.from(`${s}\0`, "latin1");
  // Layout: header (8) | IFD0 (2 entries: 2+24+4 = 30) | Exif IFD | GPS IFD.
  const ifd0At = 8;
  const exifAt = ifd0At + 30;
  const exifIfd = entries([[0x9003, 2, 20, ascii(options.takenAt)]], exifAt);
  const gpsAt = exifAt + exifIfd.length;
  const gpsIfd = entries(
    [
      [1, 2, 2, ascii("N")],
      [2, 5, 3, rational(options.latitude)],
      [3, 2, 2, ascii("E")],
      [4, 5, 3, rational(options.longitude)],
    ],
    gpsAt,
  );
  const ifd0 = entries(
    [
      [0x8769, 4, 1, exifAt],
      [0x8825, 4, 1, gpsAt],
    ],
    ifd0At,
  );
  const tiff = Buffer.concat([Buffer.from("MM\0*\0\0\0\x08", "latin1"), ifd0, exifIfd, gpsIfd]);
  const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff])),
      segment(0xdb, Buffer.alloc(65, 1)),
      Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]),
      Buffer.alloc(64, 0x55),
      Buffer.from([0xff, 0xd9]),
    ]),
  );
}
