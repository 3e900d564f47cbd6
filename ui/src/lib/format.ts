import type { CodeOption } from '$lib/api';

// Written out rather than via Intl: en-GB in current ICU says "Sept", and the UI uses "Sep".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-09-01" as "1 Sep 2026"; anything unparseable is shown as it came. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-09-01" as "1 September 2026", for headings; anything unparseable is shown as it came. */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? LONG_MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** Seconds as a stopwatch shows them: 65 as "1:05", 3725 as "62:05". */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** "2026-11" (or a whole date) as "Nov 2026"; anything unparseable is shown as it came. */
export function formatMonth(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${m[1]}` : iso;
}

/** A moment (a Date, or milliseconds since the epoch) as local time on the 24-hour clock, e.g. "14:32". */
export function formatTime(at: Date | number): string {
  const time = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** The label the core gave for a code, or the code itself if the list has no such entry. */
export function labelFor(options: readonly CodeOption[] | undefined, code: string | null | undefined): string {
  if (!code) return '';
  return options?.find((o) => o.code === code)?.label ?? code;
}

/** "1 fellow", "3 fellows", "40,000 fellows". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}

/** Today as "YYYY-MM-DD" in local time (a status usually takes effect today). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Where the programme runs: every stored moment (UTC) is shown in this zone. */
export const PROGRAMME_TIME_ZONE = 'Europe/London';

/**
 * An RFC 3339 moment in the programme's time zone (UK time by default, whatever the computer's
 * own zone), e.g. "26 Nov 2026, 15:04:05"; unparseable text as it came.
 */
export function formatDateTime(at: string, timeZone = PROGRAMME_TIME_ZONE): string {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) return at;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  return `${formatDate(date)}, ${part('hour')}:${part('minute')}:${part('second')}`;
}
