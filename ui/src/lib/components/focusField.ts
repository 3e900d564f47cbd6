/**
 * Moves focus to the control for a field. A date field's id is on the group of three boxes,
 * so its first box gets focus. Used instead of following "#field" links, which would
 * otherwise change the router's hash.
 */
export function focusField(field: string): void {
  const el = document.getElementById(field);
  if (!el) return;
  const control = el.matches('input, select, textarea, button')
    ? el
    : el.querySelector<HTMLElement>('input, select, textarea, button');
  (control ?? el).focus();
  (control ?? el).scrollIntoView?.({ block: 'center' });
}
