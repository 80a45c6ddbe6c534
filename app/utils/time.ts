// Dates are shown in China Standard Time whatever the server's zone.
export const TIME_ZONE = "Asia/Shanghai";

export function formatDateTime(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(value),
  );
}

const chinaDay = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in China on which an instant fell, as YYYY-MM-DD (en-CA writes it that way). */
export function chinaDateOf(instant: Date): string {
  return chinaDay.format(instant);
}

/**
 * A calendar day (YYYY-MM-DD) that exists — JavaScript would roll 2027-02-30 into March — and falls in
 * the years people plan, pay and report in. Every date a form or a query string brings passes here,
 * so year 0 or 9999 is a message beside the field, never a value PostgreSQL refuses with a 500.
 */
export function isRealDay(value: string, range: { from?: string; before?: string } = {}): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= (range.from ?? "1900") && value < (range.before ?? "2200");
}
