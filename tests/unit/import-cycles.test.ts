// Modules import each other in one direction (routes → domains → db): a circle of imports means two
// modules are really one, or that an interface between them is missing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ALIASES: Record<string, string> = { "~/": "app/", "@db/": "db/" };

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

function resolve(from: string, spec: string, files: Set<string>): string | null {
  const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
  const base = alias ? ALIASES[alias] + spec.slice(alias.length) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (!base) return null; // a package
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => files.has(f)) ?? null;
}

/** Every import, static or dynamic, type-only ones apart (they vanish when compiled). */
function importsOf(file: string, files: Set<string>): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+["']([^"']+)["']/gm), ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return specs.map((s) => resolve(file, s, files)).filter((f): f is string => f !== null);
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the code's layers", () => {
  it("has no circle of imports among the app's and the database's modules", () => {
    // Drizzle's table definitions refer to each other's columns lazily (`references(() => …)`), as
    // tables with foreign keys both ways must: the schema is one module split over files.
    const files = new Set([...sourceFiles("app"), ...sourceFiles("db").filter((f) => !f.startsWith("db/schema/"))]);
    const graph = new Map([...files].map((f) => [f, importsOf(f, files)]));
    expect(cycles(graph).map((c) => c.join(" → "))).toEqual([]);
  });
});
