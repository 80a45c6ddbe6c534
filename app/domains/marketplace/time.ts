/** "2026-12-01 17:00" in China time, for messages and pages (the same for every reader). */
export function formatChinaTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
