// What every dashboard chart shares: the type, and the finishing that makes the SVG one
// labelled image whose parts screen readers skip (the table beside it has the numbers).
import { plot } from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';
import { finish } from '../../challenges/charts/common';

export type ChartSize = { width?: number };

export const STYLE = { fontFamily: 'arial, helvetica, sans-serif', fontSize: '13px', overflow: 'visible' } as const;

export function drawPlot(options: PlotOptions, size: ChartSize, summary: string): SVGSVGElement {
  const svg = plot({ ...options, width: size.width ?? 640, style: STYLE }) as unknown as SVGSVGElement;
  return finish(svg, summary);
}
