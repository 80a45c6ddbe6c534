// Every table, re-exported for the app and for drizzle-kit.
export * from "./accounts";
export * from "./places";
export * from "./orgs";
export * from "./audit";
export * from "./notifications";
export * from "./needs";
export * from "./funds";
export * from "./ledger";
export * from "./marketplace";
export * from "./projects";
export * from "./installation";
