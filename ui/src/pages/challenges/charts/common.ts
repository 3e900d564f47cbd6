// Pieces both chart modules use: the dated event rules with their labels, and the finishing
// touches that make the SVG an accessible image.
import { ruleX, text } from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import type { MeasureChart } from '$lib/api';
import { chartEvents, COLOURS } from './chartData';

/** Vertical dashed rules at process changes and PDSA cycle starts, labelled along the top. */
export function eventMarks(chart: MeasureChart): Markish[] {
  const events = chartEvents(chart);
  if (events.length === 0) return [];
  return [
    ruleX(events, {
      x: 'date',
      stroke: COLOURS.event,
      strokeDasharray: '5 4',
      strokeOpacity: 0.8,
      className: 'event-rule',
    }),
    // Labels staggered over three rows above the plot, so neighbouring labels do not overlap.
    ...[0, 1, 2].map((row) =>
      text(
        events.filter((e) => e.row === row),
        {
          x: 'date',
          text: 'label',
          frameAnchor: 'top',
          textAnchor: 'start',
          dx: 4,
          dy: -44 + row * 14,
          lineWidth: 18,
          textOverflow: 'ellipsis',
          title: 'label',
          fill: COLOURS.event,
          className: 'event-label',
        },
      ),
    ),
  ];
}

/**
 * Marks the SVG as one image with a name that summarises it (its text twin is on the page).
 * Plot labels each mark's group too, but an image's parts are not exposed, and ARIA does not
 * allow a label on a group with no role, so those labels go.
 */
export function finish(svg: SVGSVGElement, summary: string): SVGSVGElement {
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', summary);
  svg.removeAttribute('aria-description');
  return svg;
}
