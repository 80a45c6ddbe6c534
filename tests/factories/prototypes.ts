// Whether a request polluted the built-in prototypes of the server (the HTTP tests run the server in
// the test's own process, so its Object.prototype is ours to look at).
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const NAMES = ["Object", "Array", "Function", "String"];
// Kept in Maps: a plain object would itself inherit whatever a pollution added.
const descriptorsOf = (proto: object) => new Map(Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)!]));
const baseline = PROTOTYPES.map(descriptorsOf);

/** What changed on the built-in prototypes since this module loaded (then put back, so one failure does not spoil the rest). */
export function prototypeDamage(probeKeys: string[] = []): string[] {
  const damage: string[] = [];
  PROTOTYPES.forEach((proto, i) => {
    for (const [key, now] of descriptorsOf(proto)) {
      const was = baseline[i].get(key);
      if (!was) {
        damage.push(`${NAMES[i]}.prototype.${String(key)} added`);
        delete (proto as Record<PropertyKey, unknown>)[key];
      } else if (was.value !== now.value || was.get !== now.get) {
        damage.push(`${NAMES[i]}.prototype.${String(key)} changed`);
        Object.defineProperty(proto, key, was);
      }
    }
  });
  const probe = {} as Record<string, unknown>;
  for (const key of probeKeys) if (probe[key] !== undefined) damage.push(`({}).${key} is ${String(probe[key])}`);
  return damage;
}
