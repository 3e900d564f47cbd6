// Performance marks the desktop benchmark reads (scripts/desktop-bench.sh): when the first screen
// holding the core's answer, and Today's list, were painted. A mark is set once, after the next
// paint, so it measures what the person saw rather than when the data arrived.

export const FIRST_SCREEN = 'fellowship:first-screen';
export const TODAY_PAINTED = 'fellowship:today';

/** Marks `name` after the next paint, the first time only. */
export function markPainted(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name).length > 0) return;
  // The frame callback runs before the paint; a task queued from it runs after.
  const after = () =>
    setTimeout(() => {
      if (performance.getEntriesByName(name).length === 0) performance.mark(name);
    }, 0);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(after);
  else after();
}
