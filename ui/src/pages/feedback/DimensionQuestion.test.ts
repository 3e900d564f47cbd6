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

  it("points each level to the page's key instead of repeating it, with small radios on one line", () => {
    render(DimensionQuestion, { dimension, scale, rating: '', importance: '', whose: 'your', keyId: 'scale-key' });
    const group = screen.getByRole('group', { name: 'Inspiring shared purpose' });
    expect(group.querySelector('.nhsuk-radios')).toHaveClass('nhsuk-radios--inline', 'nhsuk-radios--small');
    expect(group.querySelector('.nhsuk-radios__hint')).toBeNull();
    expect(within(group).getByLabelText('Proficient')).toHaveAttribute('aria-describedby', 'scale-key-2');
  });

  it("shows an error beside its field, which the summary links to by the core's field name", () => {
    render(DimensionQuestion, { dimension, scale, rating: '', importance: '', whose: 'their', error: 'Rate this dimension.' });
    const group = screen.getByRole('group', { name: 'Inspiring shared purpose' });
    expect(group).toHaveAttribute('id', `answers.${dimension.id}`);
    expect(group).toHaveAccessibleDescription(expect.stringContaining('Error: Rate this dimension.'));
    expect(within(group).getByText('Rate this dimension.')).toHaveAttribute('id', `answers.${dimension.id}-error`);
    expect(group.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
  });

  it('keeps the answers to read, unchangeable, when disabled', () => {
    render(DimensionQuestion, { dimension, scale, rating: '2', importance: '4', whose: 'your', disabled: true });
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    const importance = screen.getByRole('group', { name: 'How important is this to your role? (optional): Inspiring shared purpose' });
    expect(within(importance).getByRole('radio', { checked: true })).toHaveAttribute('value', '4');
  });
});
