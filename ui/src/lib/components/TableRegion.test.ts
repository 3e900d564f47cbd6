import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import TableRegionHarness from '../../test/TableRegionHarness.svelte';

/** jsdom lays nothing out: give the region the widths a browser would. */
function lay(region: HTMLElement, { scrollWidth, clientWidth, scrollLeft = 0 }: { scrollWidth: number; clientWidth: number; scrollLeft?: number }) {
  Object.defineProperty(region, 'scrollWidth', { configurable: true, value: scrollWidth });
  Object.defineProperty(region, 'clientWidth', { configurable: true, value: clientWidth });
  Object.defineProperty(region, 'scrollLeft', { configurable: true, value: scrollLeft });
}

describe('TableRegion', () => {
  it('is a named region the keyboard can reach, holding the table', () => {
    render(TableRegionHarness);
    const region = screen.getByRole('region', { name: 'Fellows by host' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region.querySelector('table')).not.toBeNull();
    expect(screen.queryByTestId('scroll-hint')).toBeNull();
  });

  it('says to scroll sideways, and shades the edge with more beyond, only when the table is wider', async () => {
    render(TableRegionHarness);
    const region = screen.getByRole('region', { name: 'Fellows by host' });
    const frame = region.parentElement!;

    lay(region, { scrollWidth: 900, clientWidth: 360 });
    await fireEvent.scroll(region);
    expect(screen.getByTestId('scroll-hint')).toHaveTextContent('Scroll sideways to see all columns');
    expect(frame).toHaveClass('app-table-region--right');
    expect(frame).not.toHaveClass('app-table-region--left');

    lay(region, { scrollWidth: 900, clientWidth: 360, scrollLeft: 540 });
    await fireEvent.scroll(region);
    expect(frame).toHaveClass('app-table-region--left');
    expect(frame).not.toHaveClass('app-table-region--right');

    lay(region, { scrollWidth: 360, clientWidth: 360 });
    await fireEvent.scroll(region);
    expect(screen.queryByTestId('scroll-hint')).toBeNull();
    expect(frame).not.toHaveClass('app-table-region--left');
  });
});
