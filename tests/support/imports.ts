// The import graph of the source, for the tests that keep the layers in one direction
// (tests/unit/architecture.test.ts) and free of circles (tests/unit/import-cycles.test.ts).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const ALIASES: [prefix: string, dir: string][] = [
  ["~/", "app/"],
  ["@db/", "db/"],
  ["@seed/", "seed/"],
];

/** The TypeScript files under a folder of the repository, as repository paths with forward slashes. */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return name === "node_modules" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

export interface ImportStatement {
  specifier: string;
  /** `import type …` / `export type …`: gone once compiled, but still a dependency of the design. */
  typeOnly: boolean;
}

/** Every module a source text imports or re-exports, statically or dynamically (comments ignored). */
export function importStatements(source: string): ImportStatement[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [
    ...[...code.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;'"]*?\bfrom\s*["']([^"']+)["']/gm)].map((m) => ({ specifier: m[2], typeOnly: !!m[1] })),
    ...[...code.matchAll(/^\s*import\s+["']([^"']+)["']/gm)].map((m) => ({ specifier: m[1], typeOnly: false })),
    ...[...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => ({ specifier: m[1], typeOnly: false })),
  ];
}

/** The repository file a specifier names, or null for a package (or a path that is not there). */
export function resolveImport(fromFile: string, specifier: string): string | null {
  const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
  const base = alias ? alias[1] + specifier.slice(alias[0].length) : specifier.startsWith(".") ? path.posix.join(path.posix.dirname(fromFile), specifier) : null;
  if (base === null) return null;
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((f) => existsSync(path.join(ROOT, f)) && statSync(path.join(ROOT, f)).isFile()) ?? null;
}

/** The repository files a file imports, with whether each import is for types only. */
export function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  return importStatements(readFileSync(path.join(ROOT, file), "utf8")).flatMap(({ specifier, typeOnly }) => {
    const target = resolveImport(file, specifier);
    return target ? [{ target, typeOnly }] : [];
  });
}

/** Every circle in a graph, each as a path that starts and ends on the same node. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}
