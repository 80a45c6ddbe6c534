// What the benchmarks share: their own throw-away PostgreSQL (as the test harness starts one),
// migrated, with places and a generator of realistic Chinese needs written in one set-based
// INSERT … SELECT generate_series (the database computes the search grams itself, as in production).
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

export interface BenchDatabase {
  url: string;
  sql: postgres.Sql;
  stop: () => Promise<void>;
}

export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = path.resolve("tests/.tmp", `bench-${name}-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const cluster: EmbeddedCluster = await startEmbeddedPostgres({ dataDir, persistent: false, quiet: true });
  const url = cluster.url("postgres");
  await migrateDatabase(url);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    sql,
    stop: async () => {
      await sql.end();
      await cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A street with `count` communities, each with three grids of five buildings, and one resident. */
export async function makePlaces(sql: postgres.Sql, count: number) {
  await sql`insert into places (id, level, name, parent_id) values ('d', 'district', '南岸区', null), ('s', 'street', '南坪街道', 'd')`;
  await sql`insert into places (id, level, name, parent_id) select 'c' || i, 'community', '社区' || i, 's' from generate_series(0, ${count - 1}) i`;
  await sql`insert into places (id, level, name, parent_id) select 'c' || i || 'g' || g, 'grid', '第' || g || '网格', 'c' || i from generate_series(0, ${count - 1}) i, generate_series(1, 3) g`;
  await sql`insert into places (id, level, name, parent_id) select 'c' || i || 'g' || g || 'b' || b, 'building', g || '区' || b || '栋', 'c' || i || 'g' || g from generate_series(0, ${count - 1}) i, generate_series(1, 3) g, generate_series(1, 5) b`;
  await sql`insert into users (id, phone, display_name, password_hash) values ('u', '13900009999', '压测居民', 'x')`;
  return Array.from({ length: count }, (_, i) => `c${i}`);
}

// Titles are a facility (or service) and what is wrong with it; descriptions add where, who is
// affected and what residents hope for. Word frequencies are uneven, as in real requests.
const FACILITIES = ["路灯", "楼道灯", "垃圾站", "化粪池", "下水道", "电梯", "健身器材", "停车位", "广场舞音响", "老年食堂", "儿童托管", "无障碍坡道", "康复活动室", "篮球场", "绿化带", "围墙", "井盖", "雨棚", "快递柜", "充电桩", "楼顶防水", "单元门禁", "消防通道", "公共厕所", "社区图书室", "晾衣架", "自来水管", "监控探头", "垃圾分类亭", "休闲座椅"];
const PROBLEMS = ["坏了很久没人修", "需要尽快维修", "存在安全隐患", "影响居民休息", "希望增加一些", "太少不够用", "堵塞严重", "长期无人管理", "希望社区协调解决", "晚上噪音扰民", "漏水严重", "年久失修"];
const WHERE = ["小区东门附近", "三栋楼下", "菜市场旁边", "幼儿园门口", "老年活动中心旁", "背街小巷里", "新建小区里", "老旧院落中"];
const WHO = ["独居老人出门不方便", "孩子放学路上不安全", "残疾居民出行困难", "上班族晚归摸黑", "附近居民意见很大", "租户和业主经常争吵"];
// A few sentences carry words residents search for often (治理, 整治, 养老服务, 议事), at different rates.
const HOPES = [
  "希望社区尽快想办法。",
  "希望社区尽快想办法。",
  "希望居民议事会商量解决。",
  "希望物业和居委会一起整治。",
  "建议纳入社区治理重点。",
  "希望完善社区养老服务。",
  "希望有社会组织来提供服务。",
  "大家愿意一起出钱出力。",
  "已经反映过几次，还没有结果。",
  "希望政府部门重视。",
  "希望尽快答复。",
  "谢谢社区工作人员。",
];
// And one in a thousand asks for something rare, to search for in the index's own territory.
export const RARE = "楼里有位瘫痪老人需要上门助浴。";
const STATUSES = ["submitted", "submitted", "triaged", "triaged", "in_deliberation", "decided", "published", "closed", "referred", "withdrawn"];
const CATEGORIES = ["elderly_care", "children", "disability", "correction_rehab", "environment", "public_facilities", "culture_sport", "neighbour_disputes", "other"];

/**
 * Inserts `count` needs spread over `communities` (round robin), created over the past year, most of
 * them public. `status` fixes every status (e.g. 'submitted'); otherwise a realistic mix.
 */
export async function generateNeeds(sql: postgres.Sql, options: { count: number; communities: string[]; status?: string; idPrefix: string }) {
  const pick = (list: string[], seed: string) => sql`(${list}::text[])[(1 + (${sql.unsafe(seed)}) % ${list.length})::int]`;
  await sql`
    insert into needs (id, title, description, category, community_id, place_id, raised_by, filed_by, is_public, status, triage, created_at)
    select
      ${options.idPrefix} || i,
      ${pick(FACILITIES, "(i * 7919) % 104729")} || ${pick(PROBLEMS, "(i * 104723) % 7907")},
      ${pick(WHERE, "(i * 31) % 997")} || '的' || ${pick(FACILITIES, "(i * 7919) % 104729")} || ${pick(PROBLEMS, "(i * 104723) % 7907")} || '，' || ${pick(WHO, "(i * 17) % 1009")} || '。' || ${pick(HOPES, "(i * 13) % 1013")}
        || case when i % 997 = 0 then ${RARE} else '' end,
      (${pick(CATEGORIES, "(i * 11) % 1019")})::need_category,
      c.id,
      case when i % 3 = 0 then c.id else c.id || 'g' || (1 + i % 3) || 'b' || (1 + i % 5) end,
      'u', 'u',
      i % 10 < 7,
      (${options.status ? sql`${options.status}` : pick(STATUSES, "(i * 23) % 1021")})::need_status,
      null,
      now() - ((i * 7907) % 31536000) * interval '1 second'
    from generate_series(1::bigint, ${options.count}) i
    join lateral (select (${options.communities}::text[])[(1 + i % ${options.communities.length})::int] as id) c on true`;
  await sql`update needs set triage = 'small' where triage is null and status in ('triaged', 'in_deliberation', 'decided', 'published', 'closed')`;
  await sql`analyze needs`;
}

export interface Timing {
  p50: number;
  p95: number;
}

/** Runs `fn` `runs` times (after a short warm-up) and returns the median and 95th percentile in ms. */
export async function measure(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
