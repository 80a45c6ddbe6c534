// Voting windows are entered and shown in China Standard Time (UTC+8, no daylight saving),
// whatever the zone of the server or the browser.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2026-11-23T20:00" (or with seconds) read as Beijing time; an Invalid Date for a day that does not exist (2 月 30 日). */
export function fromShanghaiLocal(value: string): Date {
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  const date = new Date(`${withSeconds}+08:00`);
  // JavaScript rolls 02-30 over to 03-02; a person who typed it meant something else.
  if (Number.isNaN(date.getTime()) || toShanghaiLocal(date).slice(0, 10) !== value.slice(0, 10)) return new Date(Number.NaN);
  return date;
}

/** The value a datetime-local control shows for an instant, in Beijing time (to the second). */
export function toShanghaiLocal(date: Date | string): string {
  return new Date(new Date(date).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19);
}
