import { randomBytes, randomUUID } from "node:crypto";

export const newId = () => randomUUID();

// No 0/O, 1/I/L: codes are read aloud at the counter and typed on phones.
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function humanCode(length = 8): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return out;
}
