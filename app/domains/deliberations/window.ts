// Voting windows are entered and shown in China Standard Time (UTC+8, no daylight saving),
// whatever the zone of the server or the browser.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2026-11-23T20:00" (or with seconds) read as Beijing time. */
export function fromShanghaiLocal(value: string): Date {
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return new Date(`${withSeconds}+08:00`);
}

/** The value a datetime-local control shows for an instant, in Beijing time (to the second). */
export function toShanghaiLocal(date: Date | string): string {
  return new Date(new Date(date).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
}
