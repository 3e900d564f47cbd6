// Each series on a chart (a cohort, a wave) has a colour AND a shape, named in the key, so no
// meaning rests on colour alone. NHS colours with enough contrast against white.
import type { SymbolName } from '@observablehq/plot';

export type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'star' | 'cross';

export type SeriesStyle = { colour: string; shape: Shape; symbol: SymbolName };

const STYLES: readonly SeriesStyle[] = [
  { colour: '#005eb8', shape: 'circle', symbol: 'circle' },
  { colour: '#ed8b00', shape: 'square', symbol: 'square' },
  { colour: '#330072', shape: 'diamond', symbol: 'diamond' },
  { colour: '#007f3b', shape: 'triangle', symbol: 'triangle' },
  { colour: '#ae2573', shape: 'star', symbol: 'star' },
  { colour: '#425563', shape: 'cross', symbol: 'cross' },
];

/** The style of the i-th series; past six, styles repeat (the table still tells them apart). */
export function seriesStyle(i: number): SeriesStyle {
  return STYLES[i % STYLES.length];
}

/** Distinct values in the order first met, e.g. the waves in the core's order. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Spreads the series sideways a little, so equal values do not hide each other. */
export function nudge(i: number, count: number, step = 7): number {
  return (i - (count - 1) / 2) * step;
}
