// The NHS date pattern asks for day, month and year separately; the core wants "YYYY-MM-DD".

export type DateParts = { day: string; month: string; year: string };

function pad(part: string): string {
  return /^\d$/.test(part) ? `0${part}` : part;
}

/**
 * Day, month and year as "YYYY-MM-DD". All empty gives "" (the core says "Enter the date");
 * anything partly filled is still joined, so the core can say it is not a real date.
 */
export function composeDate({ day, month, year }: DateParts): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (d === '' && m === '' && y === '') return '';
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "2026-09-01" as { day: "1", month: "9", year: "2026" }, for editing an existing date. */
export function splitDate(value: string | null | undefined): DateParts {
  const m = /^(\d*)-(\d*)-(\d*)$/.exec((value ?? '').trim());
  if (!m) return { day: '', month: '', year: '' };
  const unpad = (s: string) => (/^0\d$/.test(s) ? s.slice(1) : s);
  return { day: unpad(m[3]), month: unpad(m[2]), year: m[1] };
}
