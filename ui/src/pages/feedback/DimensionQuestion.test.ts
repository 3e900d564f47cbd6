import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { questionnaire, scale } from '../../test/feedbackReportFixtures';
import DimensionQuestion from './DimensionQuestion.svelte';

const dimension = questionnaire.questions.dimensions[0];

describe('DimensionQuestion', () => {
  it('stacks levels that have descriptions, each read with its label', () => {
    render(DimensionQuestion, { dimension, scale, allowsNotObserved: true, rating: '', importance: '', whose: 'their' });
    const group = screen.getByRole('group', { name: 'Inspiring shared purpose' });
    expect(group.querySelector('.nhsuk-radios')).not.toHaveClass('nhsuk-radios--inline');
    expect(within(group).getByLabelText('Proficient')).toHaveAccessibleDescription('Shows this behaviour reliably in their own work.');
    expect(document.getElementById('rating-1-2-hint')).toHaveClass('nhsuk-hint', 'nhsuk-radios__hint');
    expect(within(group).getByText('or')).toHaveClass('nhsuk-radios__divider');
    expect(screen.getByRole('group', { name: 'How important is this to their role? (optional): Inspiring shared purpose' })).toBeInTheDocument();
  });

  it('keeps bare labels on one line, with no hints', () => {
    const bare = scale.map((p) => ({ ...p, description: '' }));
    render(DimensionQuestion, { dimension, scale: bare, rating: '3', importance: '', whose: 'your' });
    const group = screen.getByRole('group', { name: 'Inspiring shared purpose' });
    expect(group.querySelector('.nhsuk-radios')).toHaveClass('nhsuk-radios--inline');
    expect(group.querySelector('.nhsuk-radios__hint')).toBeNull();
    expect(within(group).getByLabelText('Strong')).toBeChecked();
    expect(within(group).getByLabelText('Strong')).not.toHaveAttribute('aria-describedby');
    expect(within(group).queryByLabelText('Not observed')).toBeNull();
    expect(screen.getByRole('group', { name: 'How important is this to your role? (optional): Inspiring shared purpose' })).toBeInTheDocument();
  });
});
