import { describe, expect, it } from 'vitest';
import { reflectionOptions } from '../../test/reflectionFixtures';
import { sectionLabel, sectionsOf, sectionsToSend, templateLabel } from './templates';

const { templates } = reflectionOptions;

describe('templates', () => {
  it('sends every section of the chosen template, then text kept from another', () => {
    const texts = { what: 'It overran.', description: '', feelings: 'Flustered.' };
    expect(sectionsToSend(sectionsOf(templates, 'what_so_what'), texts)).toEqual([
      { key: 'what', body: 'It overran.' },
      { key: 'so_what', body: '' },
      { key: 'now_what', body: '' },
      { key: 'feelings', body: 'Flustered.' },
    ]);
  });

  it('labels templates and sections from the core, with its labels to hand for readers', () => {
    expect(templateLabel(templates, 'kolb')).toBe("Kolb's experiential learning cycle");
    expect(templateLabel(null, 'what_so_what')).toBe('what_so_what');
    expect(sectionLabel(templates, 'so_what')).toBe('So what?');
    expect(sectionLabel(templates, 'action_plan')).toBe('Action plan');
    expect(sectionLabel(undefined, 'text')).toBe('text');
    expect(sectionLabel(undefined, 'mystery')).toBe('mystery');
  });
});
