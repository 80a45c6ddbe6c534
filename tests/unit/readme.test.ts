import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The README is the front door: a newcomer runs its two commands, CI runs the same test command, and
// every page it sends them to is in their clone.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** The shell lines of the README's "Two commands" section. */
function twoCommands(readme: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith("Two commands"));
  if (!section) return [];
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  return (block?.[1] ?? "")
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean);
}

/** The commands a shell script runs: no comments, no echo lines, each `a && b` split. */
function commandsRun(script: string): string[] {
  return script
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line && !line.startsWith("echo "))
    .flatMap((line) => line.split("&&").map((part) => part.trim()));
}

describe("the README's two commands", () => {
  const readme = read("README.md");
  const commands = twoCommands(readme);
  const packageJson = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

  it("open the README, before any other section", () => {
    const firstSection = /^## (.*)$/m.exec(readme)?.[1];
    expect(firstSection).toBe("Two commands");
  });

  it("name the start command and the test command", () => {
    expect(commands).toContain("npm install && npm start");
    expect(commands.find((c) => c.startsWith("npm test"))).toBeDefined();
  });

  it("start what the README says npm start starts: a build, then the start script with PostgreSQL, the seed, web and worker", () => {
    const start = packageJson.scripts.start;
    expect(start).toMatch(/\bremix build\b/);
    expect(start).toMatch(/\btsx scripts\/start\.ts$/);
    const script = read("scripts/start.ts");
    expect(script).toContain("startEmbeddedPostgres");
    expect(script).toContain("migrateDatabase");
    expect(script).toContain("seedDemo");
    expect(script).toContain("startWorker");
    expect(script).toContain("startWebServer");
  });

  it("run a test script that exists in package.json", () => {
    expect(packageJson.scripts.test).toBe("tsx scripts/test.ts");
  });

  it("are what CI runs: .ci/run installs Chromium, runs npm install, then the README's test command", () => {
    const testCommand = commands.find((c) => c.startsWith("npm test"));
    const ci = commandsRun(read(".ci/run"));
    expect(ci.some((c) => /^apt-get install\b.*\bchromium\b/.test(c))).toBe(true);
    const install = ci.findIndex((c) => /^npm install\b/.test(c));
    const test = ci.indexOf(testCommand ?? "<no test command in the README>");
    expect(install).toBeGreaterThanOrEqual(0);
    expect(test).toBeGreaterThan(install);
  });
});

/** README.md and every Markdown page under docs/. */
function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(rel);
      return entry.name.endsWith(".md") ? [rel] : [];
    });
  return ["README.md", ...walk("docs")];
}

/** Inline links `[text](target)` and reference definitions `[name]: target`. */
function linkTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  const inline = [...withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const references = [...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]);
  return [...inline, ...references];
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe("the documentation stands on its own", () => {
  const files = markdownFiles();

  it("has the product description and the demo stories as pages of this repository, linked from the README", () => {
    const readmeLinks = linkTargets(read("README.md"));
    expect(readmeLinks).toContain("docs/product.md");
    expect(readmeLinks).toContain("docs/demo-stories.md");
  });

  it.each(files)("%s links only to files inside this repository", (file) => {
    const broken: string[] = [];
    for (const target of linkTargets(read(file))) {
      if (isExternal(target) || target.startsWith("#")) continue;
      const filePart = decodeURIComponent(target.split("#")[0]);
      const resolved = path.resolve(path.dirname(path.join(root, file)), filePart);
      const relative = path.relative(root, resolved);
      const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
      if (!inside || !fs.existsSync(resolved)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it.each(files)("%s never sends a reader to the shared notes outside the repository", (file) => {
    expect(read(file)).not.toMatch(/\bshared\/|\b(DESIGN|STACK|STYLE)\.md\b|\bscenarios\.md\b/);
  });
});
