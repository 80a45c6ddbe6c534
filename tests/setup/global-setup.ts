// Once per test run: one PostgreSQL (the embedded one, or the one DATABASE_URL points at) and a
// template database with every migration applied. Each test file then gets its own copy of the
// template (tests/setup/database-per-file.ts), so files never see each other's rows.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

const TEMPLATE = `sanshe_test_template_${process.pid}`;
let cluster: EmbeddedCluster | undefined;
let adminUrl: string;

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    // An external PostgreSQL: we need a role that may create databases.
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    const dataDir = path.resolve("tests/.tmp", `pg-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    cluster = await startEmbeddedPostgres({ dataDir, persistent: false, quiet: true });
    adminUrl = cluster.url("postgres");
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE}"`);
  await admin.unsafe(`create database "${TEMPLATE}"`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await migrateDatabase(templateUrl.toString());
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE);
}

export async function teardown() {
  if (cluster) {
    await cluster.stop();
  } else {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${TEMPLATE}" with (force)`);
    await admin.end();
  }
}
