import { describe, expect, it } from 'vitest';
import { hlmDetail } from '../../../test/frameworkFixtures';
import { draftFrom, inputFrom, splitLines } from './frameworkDraft';

describe('frameworkDraft', () => {
  it('splits statements a line each, dropping blank lines', () => {
    expect(splitLines('Listens first.\r\n\n  Asks why.  \n   \n')).toEqual(['Listens first.', 'Asks why.']);
    expect(splitLines('')).toEqual([]);
  });

  it('gives back what it was loaded from', () => {
    const draft = draftFrom(hlmDetail);
    expect(draft.dimensions[0].statements).toBe('Acts on the values of the NHS.\nTakes a stand for patients.');
    expect(inputFrom(1, draft)).toEqual({
      id: 1,
      name: 'Healthcare Leadership Model',
      description: 'The NHS Leadership Academy model.',
      allows_not_observed: true,
      scale: ['Essential', 'Proficient', 'Strong', 'Exemplary'],
      // What each level means goes back with it, so a new version keeps it.
      scale_descriptions: hlmDetail.scale.map((p) => p.description),
      dimensions: hlmDetail.dimensions,
      make_default: true,
    });
  });
});
