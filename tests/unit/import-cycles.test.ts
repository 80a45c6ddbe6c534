// Modules import each other in one direction (routes → domains → db): a circle of imports means two
// modules are really one, or that an interface between them is missing.
import { describe, expect, it } from "vitest";
import { cycles, importsOf, sourceFiles } from "../support/imports";

describe("the code's layers", () => {
  it("has no circle of imports among the app's and the database's modules", () => {
    // Drizzle's table definitions refer to each other's columns lazily (`references(() => …)`), as
    // tables with foreign keys both ways must: the schema is one module split over files.
    const files = [...sourceFiles("app"), ...sourceFiles("db").filter((f) => !f.startsWith("db/schema/"))];
    // Type-only imports vanish when compiled: they are no circle at run time.
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((i) => !i.typeOnly).map((i) => i.target)]));
    expect(cycles(graph).map((c) => c.join(" → "))).toEqual([]);
  });

  it("finds a circle when there is one", () => {
    const graph = new Map(Object.entries({ a: ["b"], b: ["c"], c: ["a"], d: ["a"] }));
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });
});
