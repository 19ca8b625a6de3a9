// Days as the API writes them (YYYY-MM-DD, in the shop's zone), counted without time zones: each is read as a UTC
// midnight only to step whole days.
const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/// Days from `from` to `to`, both included.
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/// "1 Dec" (a day), "Week of 30 Nov" (a week by its Monday) or "Dec 2026" (a month), for labels.
export function periodLabel(period: string, group: 'day' | 'week' | 'month'): string {
  if (group === 'month') {
    const [year, month] = period.split('-');
    return new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleDateString('en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  const day = new Date(`${period}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return group === 'week' ? `Week of ${day}` : day;
}
