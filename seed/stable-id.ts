import { createHash } from "node:crypto";

/** The same UUID for the same name on every machine: seeds stay idempotent and links stay stable. */
export function stableId(name: string): string {
  const h = createHash("sha1").update(`sanshe:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
