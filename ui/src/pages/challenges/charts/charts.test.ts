import { describe, expect, it } from 'vitest';
import { measureChart, quietChart } from '../../../test/challengeFixtures';
import { COLOURS } from './chartData';
import { runChart } from './runChart';
import { segmentPieces, TRIAL_NOTE, xmrChart } from './xmrChart';

/** The y pixel of a horizontal line or path, for comparing lines with each other (down is larger). */
function yOf(el: Element | null | undefined): number {
  if (!el) return NaN;
  if (el.tagName.toLowerCase() === 'line') return Number(el.getAttribute('y1'));
  const m = /^M[^,]+,([-\d.]+)/.exec(el.getAttribute('d') ?? '');
  return m ? Number(m[1]) : NaN;
}

describe('runChart', () => {
  it('draws an accessible SVG with the median as a horizontal rule', () => {
    const svg = runChart(measureChart);
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg).toHaveAttribute('role', 'img');
    expect(svg.getAttribute('aria-label')).toContain('Run chart of Delayed discharges per week: 14 values');
    expect(svg.getAttribute('aria-label')).toContain('The median is 38.');

    const median = svg.querySelectorAll('g.median line');
    expect(median).toHaveLength(1);
    // Horizontal: the same y at both ends, spanning the plot.
    expect(median[0].getAttribute('y1')).toBe(median[0].getAttribute('y2'));
    expect(Number(median[0].getAttribute('x2'))).toBeGreaterThan(Number(median[0].getAttribute('x1')));
  });

  it('highlights the points of each signal in its verdict colour, and leaves ordinary points grey', () => {
    const svg = runChart(measureChart);
    const improvement = svg.querySelector('g.signal-improvement');
    const concern = svg.querySelector('g.signal-concern');
    expect(improvement).toHaveAttribute('fill', COLOURS.improvement);
    expect(concern).toHaveAttribute('fill', COLOURS.concern);
    expect(improvement?.querySelectorAll('circle')).toHaveLength(7);
    expect(concern?.querySelectorAll('circle')).toHaveLength(7);
    expect(svg.querySelectorAll('g.point circle')).toHaveLength(0);
    // Each point says what it is when hovered.
    expect(improvement?.querySelector('circle title')?.textContent).toBe('26 Oct 2026: 36 (signal: improvement)');

    const quiet = runChart(quietChart);
    expect(quiet.querySelectorAll('g.point circle')).toHaveLength(4);
    expect(quiet.querySelector('g.point')).toHaveAttribute('fill', COLOURS.ordinary);
    expect(quiet.querySelectorAll('.signal-point circle')).toHaveLength(0);
  });

  it('marks process changes and PDSA cycles with labelled dashed rules', () => {
    const svg = runChart(measureChart);
    const rules = svg.querySelector('g.event-rule');
    expect(rules).toHaveAttribute('stroke-dasharray', '5 4');
    expect(rules?.querySelectorAll('line')).toHaveLength(2);
    // The visible label, without the tooltip's <title> inside it.
    const visible = (t: Element) => [...t.childNodes].filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('');
    const labels = [...svg.querySelectorAll('g.event-label text')].map(visible);
    expect(labels).toEqual(expect.arrayContaining(['Huddles start', 'PDSA: Discharge huddle']));
  });
});

describe('xmrChart', () => {
  it('draws the mean and process limits per segment, from its first to its last point', () => {
    const svg = xmrChart(measureChart);
    expect(svg).toHaveAttribute('role', 'img');
    expect(svg.getAttribute('aria-label')).toContain('process limits 30.6 to 45.8');
    const mean = svg.querySelectorAll('g.mean path');
    const limits = svg.querySelectorAll('g.limit path');
    const twoThirds = svg.querySelector('g.two-thirds');
    expect(mean).toHaveLength(1);
    expect(limits).toHaveLength(2);
    expect(twoThirds).toHaveAttribute('stroke-opacity', '0.35');
    const pieces = segmentPieces(measureChart);
    expect(pieces.mean[0].x1.toISOString().slice(0, 10)).toBe('2026-09-07');
    expect(pieces.mean[0].x2.toISOString().slice(0, 10)).toBe('2026-12-07');
  });

  it('colours special causes, draws the target as a dashed red rule, and notes trial limits', () => {
    const svg = xmrChart(measureChart);
    expect(svg.querySelector('g.signal-improvement')?.querySelectorAll('circle')).toHaveLength(7);
    const target = svg.querySelector('g.target');
    expect(target).toHaveAttribute('stroke', COLOURS.target);
    expect(target).toHaveAttribute('stroke-dasharray', '8 4');
    // The target (35) sits between the mean (38.2) and the lower limit (30.6); SVG y grows downwards.
    const targetY = yOf(target?.querySelector('line'));
    const meanY = yOf(svg.querySelector('g.mean path'));
    const lowerY = Math.max(...[...svg.querySelectorAll('g.limit path')].map(yOf));
    expect(targetY).toBeGreaterThan(meanY);
    expect(targetY).toBeLessThan(lowerY);
    expect(svg.querySelector('g.trial-note')).toBeNull();

    const quiet = xmrChart(quietChart);
    expect(quiet.querySelector('g.target')).toBeNull();
    expect(quiet.querySelector('g.trial-note text')?.textContent).toBe(TRIAL_NOTE);
    expect(quiet.querySelectorAll('g.point circle')).toHaveLength(4);
  });
});

describe('chart accessibility', () => {
  it('exposes each chart as one labelled image, with no labels on its unlabelled parts', () => {
    for (const svg of [runChart(measureChart), xmrChart(measureChart)]) {
      expect(svg).toHaveAttribute('role', 'img');
      expect(svg.getAttribute('aria-label')).toBeTruthy();
      expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
    }
  });
});
