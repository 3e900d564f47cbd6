import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { frameworks, hlmDetail, replacedDetail } from '../../../test/frameworkFixtures';
import FrameworkView from './FrameworkView.svelte';

describe('FrameworkView', () => {
  it('says what each level of the scale means, beneath its label', () => {
    render(FrameworkView, { detail: { ...hlmDetail, summary: { ...frameworks[0], replaced_by: 4 } } });
    const levels = within(screen.getByTestId('scale')).getAllByRole('listitem');
    expect(levels.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Essential: Shows this behaviour some of the time: the basics are in place.',
      'Proficient: Shows this behaviour reliably in their own work.',
      'Strong: Shows this behaviour consistently and helps the people around them do the same.',
      'Exemplary: Shows this behaviour in complex and difficult situations; a model for others across the organisation.',
    ]);
  });

  it('lists bare labels for a scale without descriptions', () => {
    render(FrameworkView, { detail: replacedDetail });
    expect(within(screen.getByTestId('scale')).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      'Essential',
      'Proficient',
      'Strong',
    ]);
  });
});
