// The framework form's state, and its conversion from what the core sends and to what it
// takes. Statements are edited as one block of text, a line each.
import type { FrameworkDetail, FrameworkInput } from '$lib/api';

export type PointDraft = { key: number; label: string; description: string };
export type DimensionDraft = { key: number; name: string; description: string; statements: string };

export type FrameworkDraft = {
  name: string;
  description: string;
  allows_not_observed: boolean;
  scale: PointDraft[];
  dimensions: DimensionDraft[];
  make_default: boolean;
};

/** The core's limits on the rating scale. */
export const MIN_POINTS = 2;
export const MAX_POINTS = 10;

// Keys for each-blocks, so a dimension's fields stay with it when another moves or goes.
let lastKey = 0;
const nextKey = () => ++lastKey;

export function blankPoint(label = '', description = ''): PointDraft {
  return { key: nextKey(), label, description };
}

export function blankDimension(): DimensionDraft {
  return { key: nextKey(), name: '', description: '', statements: '' };
}

/** A new framework: the smallest scale and one dimension to start on. */
export function blankDraft(): FrameworkDraft {
  return {
    name: '',
    description: '',
    allows_not_observed: true,
    scale: [blankPoint(), blankPoint()],
    dimensions: [blankDimension()],
    make_default: false,
  };
}

export function draftFrom(detail: FrameworkDetail): FrameworkDraft {
  return {
    name: detail.summary.name,
    description: detail.description,
    allows_not_observed: detail.allows_not_observed,
    scale: detail.scale.map((p) => blankPoint(p.label, p.description)),
    dimensions: detail.dimensions.map((d) => ({
      key: nextKey(),
      name: d.name,
      description: d.description,
      statements: d.statements.join('\n'),
    })),
    make_default: detail.summary.is_default,
  };
}

/** One statement per line; blank lines are only spacing, so they are dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function inputFrom(id: number | null, draft: FrameworkDraft): FrameworkInput {
  return {
    id,
    name: draft.name,
    description: draft.description,
    allows_not_observed: draft.allows_not_observed,
    scale: draft.scale.map((p) => p.label),
    scale_descriptions: draft.scale.map((p) => p.description),
    dimensions: draft.dimensions.map((d) => ({ name: d.name, description: d.description, statements: splitLines(d.statements) })),
    make_default: draft.make_default,
  };
}
