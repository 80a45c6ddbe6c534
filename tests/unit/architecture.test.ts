// The layers depend in one direction: routes and components → domains → db. The demo seed tells its
// stories through the domains, so it lives outside db/ (seed/). These tests read every source file's
// imports, type-only ones included, and fail on one that points the wrong way. Circles of imports
// are tests/unit/import-cycles.test.ts's.
import { describe, expect, it } from "vitest";
import { importsOf, importStatements, sourceFiles } from "../support/imports";

/** "file → target" for each import of a file under `from` that points into one of `forbidden`. */
function wrongWay(from: string, forbidden: string[]): string[] {
  const files = sourceFiles(from);
  expect(files.length, `no source files under ${from}`).toBeGreaterThan(0);
  return files.flatMap((file) =>
    importsOf(file)
      .filter(({ target }) => forbidden.some((prefix) => target.startsWith(prefix)))
      .map(({ target }) => `${file} → ${target}`),
  );
}

describe("the layers of the code", () => {
  it("are read from every kind of import: type-only, multi-line, re-exports and dynamic ones; not from comments", () => {
    const sample = `import type { A } from "~/components/a";\nimport {\n  b,\n  c,\n} from "../b";\nexport { d } from "./d";\nconst e = await import("@db/e");\n// import { f } from "~/routes/f";\n`;
    expect(importStatements(sample)).toEqual([
      { specifier: "~/components/a", typeOnly: true },
      { specifier: "../b", typeOnly: false },
      { specifier: "./d", typeOnly: false },
      { specifier: "@db/e", typeOnly: false },
    ]);
  });

  it("keep the database layer free of the app and of the demo seed", () => {
    expect(wrongWay("db", ["app/", "seed/"])).toEqual([]);
  });

  it("keep the domains free of pages: no domain imports a route or a component", () => {
    expect(wrongWay("app/domains", ["app/routes/", "app/components/"])).toEqual([]);
  });

  it("keep the shared utilities free of pages too", () => {
    expect(wrongWay("app/utils", ["app/routes/", "app/components/"])).toEqual([]);
  });

  it("let no route read the database itself: it asks a domain", () => {
    expect(wrongWay("app/routes", ["db/"])).toEqual([]);
  });

  it("keep the demo seed and the job worker free of pages: they call the same domain functions the pages call", () => {
    expect(wrongWay("seed", ["app/routes/", "app/components/"])).toEqual([]);
    expect(wrongWay("workers", ["app/routes/", "app/components/"])).toEqual([]);
  });

  it("let no component open a database connection", () => {
    expect(wrongWay("app/components", ["db/client"])).toEqual([]);
  });
});
