// `npm test`: builds the app, runs every suite (vitest: unit + integration on real PostgreSQL;
// Playwright: end-to-end in Chromium) and ends with one line totalling them all:
//   N passed, N failed
// Pick suites with `npm test -- vitest` or `npm test -- e2e`; extra arguments after them go to the runner.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findChromium, NO_BROWSER_MESSAGE } from "../tests/e2e/browser";

const tmp = path.resolve("tests/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const [only, ...rest] = process.argv.slice(2);
const want = (suite: string) => !only || only === suite;

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Record<string, Totals> = {};

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const bin = (name: string) => path.resolve("node_modules/.bin", name);

console.log("▶ remix build");
if (run(bin("remix"), ["build"]) !== 0) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

if (want("vitest")) {
  const out = path.join(tmp, "vitest.json");
  fs.rmSync(out, { force: true });
  console.log("\n▶ vitest (unit + integration)");
  const status = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...(only ? rest : [])]);
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    totals.vitest = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
    // A file that failed to load has no tests to count: count it as a failure, not as nothing.
    const brokenFiles = (report.testResults ?? []).filter((f: { status: string; assertionResults: unknown[] }) => f.status === "failed" && f.assertionResults.length === 0).length;
    totals.vitest.failed += brokenFiles;
  } else {
    totals.vitest = { passed: 0, failed: status === 0 ? 0 : 1, skipped: 0 };
  }
}

if (want("e2e")) {
  console.log("\n▶ playwright (end-to-end)");
  if (!findChromium()) {
    console.error(`\n${NO_BROWSER_MESSAGE}\n`);
    totals.e2e = { passed: 0, failed: 1, skipped: 0 };
  } else {
    const out = path.join(tmp, "playwright.json");
    fs.rmSync(out, { force: true });
    const status = run(bin("playwright"), ["test", "--reporter=list,json", ...(only ? rest : [])], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    if (fs.existsSync(out)) {
      const stats = JSON.parse(fs.readFileSync(out, "utf8")).stats;
      totals.e2e = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
      if (status !== 0 && stats.unexpected === 0) totals.e2e.failed += 1; // e.g. the web server did not start
    } else {
      totals.e2e = { passed: 0, failed: 1, skipped: 0 };
    }
  }
}

const sum = Object.values(totals).reduce((a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed, skipped: a.skipped + t.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log("\n── totals ──");
for (const [suite, t] of Object.entries(totals)) console.log(`${suite.padEnd(8)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
console.log(`${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ""}`);
process.exit(sum.failed > 0 ? 1 : 0);
