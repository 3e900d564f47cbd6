import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import ChartFigure from './ChartFigure.svelte';

const caption = createRawSnippet(() => ({ render: () => '<span>Two points; the table below gives them.</span>' }));

/** A stand-in chart module: an SVG naming the data it was drawn from. */
function draw(data: number[], size: { width?: number }): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('aria-label', `Chart of ${data.join(', ')}`);
  svg.dataset.width = String(size.width);
  return svg;
}

describe('ChartFigure', () => {
  it('is a figure with its caption, holding the drawing (at the default size where there is no layout)', () => {
    render(ChartFigure<number[]>, { data: [1, 2], draw, testid: 'test-chart', caption });
    const figure = screen.getByTestId('test-chart');
    expect(figure.tagName).toBe('FIGURE');
    expect(figure.querySelector('figcaption')).toHaveTextContent('Two points; the table below gives them.');
    const svgs = figure.querySelectorAll('svg');
    expect(svgs).toHaveLength(1);
    expect(svgs[0]).toHaveAttribute('aria-label', 'Chart of 1, 2');
    expect(svgs[0].dataset.width).toBe('undefined');
  });

  it('redraws in place when the data change, and removes the drawing when it goes', async () => {
    const spy = vi.fn(draw);
    const { rerender, unmount } = render(ChartFigure<number[]>, { data: [1, 2], draw: spy, testid: 'test-chart', caption });
    await rerender({ data: [3, 4, 5] });
    const svgs = screen.getByTestId('test-chart').querySelectorAll('svg');
    expect(svgs).toHaveLength(1);
    expect(svgs[0]).toHaveAttribute('aria-label', 'Chart of 3, 4, 5');
    expect(spy).toHaveBeenCalledTimes(2);
    unmount();
    expect(document.querySelector('svg')).toBeNull();
  });
});
