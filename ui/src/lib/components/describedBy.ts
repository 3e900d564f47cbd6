/** The aria-describedby for a field: its hint and its error message, when present. */
export function describedBy(field: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
