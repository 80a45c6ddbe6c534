// Makes the people, places and organisations a test needs, straight in its database.
import { db } from "@db/client";
import { householdMembers, households, memberships, organisations, places, users, type MemberRole, type OrgKind, type PlaceLevel } from "@db/schema";
import { hashPassword } from "~/utils/auth.server";
import { humanCode, newId } from "~/utils/ids";
import { loadActor, type Actor } from "~/utils/permissions.server";

export const TEST_PASSWORD = "correct-horse-42";
let passwordHash: string | undefined;
let counter = 0;
const unique = () => `${process.pid}${++counter}`.slice(-8).padStart(8, "0");

export async function createUser(options: { name?: string; phone?: string; email?: string; admin?: boolean } = {}) {
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  const id = newId();
  const phone = options.phone ?? (options.email ? null : `139${unique()}`);
  const [user] = await db()
    .insert(users)
    .values({
      id,
      phone,
      email: options.email ?? null,
      displayName: options.name ?? `测试用户${counter}`,
      passwordHash,
      isPlatformAdmin: options.admin ?? false,
    })
    .returning();
  return user;
}

export async function createPlace(level: PlaceLevel, name: string, parentId: string | null = null) {
  const [place] = await db().insert(places).values({ id: newId(), level, name, parentId }).returning();
  return place;
}

/** 区 → 街道 → 社区 → 网格 → 楼栋, named after `name`. */
export async function createCommunity(name = `测试社区${unique()}`) {
  const district = await createPlace("district", `${name}区`);
  const street = await createPlace("street", `${name}街道`, district.id);
  const community = await createPlace("community", name, street.id);
  const grid = await createPlace("grid", `${name}第一网格`, community.id);
  const building = await createPlace("building", `${name}1栋`, grid.id);
  return { district, street, community, grid, building };
}

export async function createHousehold(buildingId: string, label = `${unique()}室`) {
  const [household] = await db().insert(households).values({ id: newId(), buildingId, label, joinCode: humanCode() }).returning();
  return household;
}

export async function addResident(userId: string, householdId: string, verified = true) {
  await db().insert(householdMembers).values({ userId, householdId, verified });
}

export async function createOrg(options: {
  kind?: OrgKind;
  name?: string;
  status?: "pending" | "verified" | "rejected";
  placeId?: string | null;
  members?: [userId: string, role: MemberRole][];
  creditCode?: string | null;
}) {
  const creator = options.members?.[0]?.[0] ?? (await createUser()).id;
  const [org] = await db()
    .insert(organisations)
    .values({
      id: newId(),
      name: options.name ?? `测试社会组织${unique()}`,
      kind: options.kind ?? "social_org",
      registration: "registered",
      creditCode: options.creditCode ?? null,
      creditCodeChecks: options.creditCode ? true : null,
      placeId: options.placeId ?? null,
      status: options.status ?? "verified",
      createdBy: creator,
    })
    .returning();
  for (const [userId, role] of options.members ?? []) await db().insert(memberships).values({ orgId: org.id, userId, role });
  return org;
}

export async function actorOf(user: { id: string; isPlatformAdmin: boolean }): Promise<Actor> {
  return loadActor(user);
}

/** 社区工作者: a person on the verified residents' committee (居委会) of a community. */
export async function createCommunityStaff(communityId: string, options: { name?: string } = {}) {
  const user = await createUser({ name: options.name });
  await createOrg({ kind: "community_committee", placeId: communityId, members: [[user.id, "member"]] });
  return user;
}

// ---- organisations (issue 2) -----------------------------------------------------------------
import { withCheckChar } from "~/domains/orgs/credit-code";

let creditCounter = 0;
/** A well-formed 统一社会信用代码 with the right check character, different every call. */
export function validCreditCode(): string {
  return withCheckChar(`52320213MJ${`${process.pid}${++creditCounter}`.slice(-7).padStart(7, "0")}`);
}

/** A well-formed code whose check character is wrong, as early pilot codes are. */
export function pilotCreditCode(): string {
  const good = validCreditCode();
  return good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
}
