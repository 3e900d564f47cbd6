import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_SCREEN, markPainted } from './marks';

const marks = () => performance.getEntriesByName(FIRST_SCREEN);

describe('markPainted', () => {
  afterEach(() => performance.clearMarks());

  it('marks after the next frame, once however often it is asked', async () => {
    markPainted(FIRST_SCREEN);
    markPainted(FIRST_SCREEN);
    // Not yet: the mark waits for the paint.
    expect(marks()).toHaveLength(0);
    await vi.waitFor(() => expect(marks()).toHaveLength(1));
    markPainted(FIRST_SCREEN);
    await new Promise((r) => setTimeout(r, 50));
    expect(marks()).toHaveLength(1);
  });
});
