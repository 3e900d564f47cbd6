import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { SelfAssessment } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import { closedRound, selfAssessment } from '../../test/feedbackFixtures';
import SelfAssessmentPage from './SelfAssessmentPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(first: SelfAssessment, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_self_assessment: () => first, ...extra }));
}

const radio = (id: string) => document.getElementById(id) as HTMLInputElement;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('SelfAssessmentPage', () => {
  it('asks for a rating and, optionally, the importance of each dimension', async () => {
    core(selfAssessment);
    render(SelfAssessmentPage, { id: 41 });
    expect(screen.getByRole('heading', { level: 1, name: 'Your self-assessment' })).toBeInTheDocument();
    const first = await screen.findByRole('group', { name: 'Inspiring shared purpose' });
    expect(call).toHaveBeenCalledWith('get_self_assessment', { id: 41 });
    expect(first).toHaveAttribute('id', 'answers.1');
    expect(first).toHaveAccessibleDescription(/Valuing a service ethos.*Acts on the values of the NHS\..*Takes a stand for patients\./);
    expect(within(first).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Acts on the values of the NHS.', 'Takes a stand for patients.']);
    expect(within(first).getByLabelText('Strong')).toHaveAttribute('id', 'rating-1-3');
    // Each level says what it means; a fellow rating themselves has no "Not observed".
    expect(within(first).getByLabelText('Exemplary')).toHaveAccessibleDescription(
      'Shows this behaviour in complex and difficult situations; a model for others across the organisation.',
    );
    expect(within(first).queryByLabelText('Not observed')).toBeNull();
    const importance = screen.getByRole('group', { name: 'How important is this to your role? (optional): Inspiring shared purpose' });
    expect(within(importance).getByLabelText('4 (most important)')).toBeInTheDocument();
    expect(within(importance).getAllByRole('radio').map((r) => r.id)).toEqual(['importance-1-1', 'importance-1-2', 'importance-1-3', 'importance-1-4']);
    expect(screen.getByTestId('round-dates')).toHaveTextContent('Baseline (start of year) round: open from 1 Oct 2026 to 15 Nov 2026.');
    expect(screen.queryByTestId('self-submitted')).toBeNull();
  });

  it('submits the chosen ratings, then says it is submitted and can still change', async () => {
    const user = userEvent.setup();
    const submitted: SelfAssessment = {
      ...selfAssessment,
      answers: [
        { dimension_id: 1, rating: 3, importance: 4 },
        { dimension_id: 2, rating: 2, importance: null },
      ],
      submitted: true,
    };
    core(selfAssessment, { save_self_assessment: () => submitted });
    render(SelfAssessmentPage, { id: 41 });
    await screen.findByRole('group', { name: 'Inspiring shared purpose' });
    await user.click(radio('rating-1-3'));
    await user.click(radio('importance-1-4'));
    await user.click(radio('rating-2-2'));
    await user.click(screen.getByTestId('submit-self'));

    expect(call).toHaveBeenCalledWith('save_self_assessment', {
      round_id: 41,
      answers: [
        { dimension_id: 1, rating: 3, importance: 4 },
        { dimension_id: 2, rating: 2, importance: null },
      ],
      submit: true,
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Your self-assessment is submitted.');
    expect(screen.getByTestId('self-submitted')).toHaveTextContent('You can still change your answers until the round closes.');
    expect(radio('rating-1-3')).toBeChecked();
    expect(radio('importance-1-4')).toBeChecked();
    expect(screen.getByTestId('submit-self')).toBeEnabled();
  });

  it('saves a draft with what is chosen so far', async () => {
    const user = userEvent.setup();
    core(
      { ...selfAssessment, answers: [{ dimension_id: 2, rating: 1, importance: 2 }] },
      { save_self_assessment: (input) => ({ ...selfAssessment, answers: input.answers }) },
    );
    render(SelfAssessmentPage, { id: 41 });
    await waitFor(() => expect(radio('rating-2-1')).toBeChecked());
    expect(radio('importance-2-2')).toBeChecked();
    await user.click(radio('rating-1-4'));
    await user.click(screen.getByTestId('save-self-draft'));
    expect(call).toHaveBeenCalledWith('save_self_assessment', {
      round_id: 41,
      answers: [
        { dimension_id: 1, rating: 4, importance: null },
        { dimension_id: 2, rating: 1, importance: 2 },
      ],
      submit: false,
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Draft saved.');
  });

  it('shows a dimension’s error beside its fieldset and keeps the choices', async () => {
    const user = userEvent.setup();
    core(selfAssessment, {
      save_self_assessment: () => {
        throw apiError('validation', 'Rate "Leading with care".', [{ field: 'answers.2', message: 'Rate "Leading with care".' }]);
      },
    });
    render(SelfAssessmentPage, { id: 41 });
    await screen.findByRole('group', { name: 'Inspiring shared purpose' });
    await user.click(radio('rating-1-2'));
    await user.click(radio('importance-2-3'));
    await user.click(screen.getByTestId('submit-self'));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Rate "Leading with care".' })).toHaveAttribute('href', '#answers.2');
    const group = screen.getByRole('group', { name: 'Leading with care' });
    const message = document.getElementById('answers.2-error');
    expect(message).toHaveTextContent('Rate "Leading with care".');
    expect(group).toContainElement(message);
    expect(group.getAttribute('aria-describedby')).toContain('answers.2-error');
    expect(radio('rating-1-2')).toBeChecked();
    expect(radio('importance-2-3')).toBeChecked();

    await user.click(within(summary).getByRole('link', { name: 'Rate "Leading with care".' }));
    expect(radio('rating-2-1')).toHaveFocus();
  });

  it('shows the core’s word when the round is not open', async () => {
    const user = userEvent.setup();
    const message = 'This round is open from 2026-10-01 to 2026-11-15; the self-assessment can only be changed then.';
    core(selfAssessment, {
      save_self_assessment: () => {
        throw apiError('conflict', message, [{ field: 'round', message }]);
      },
    });
    render(SelfAssessmentPage, { id: 41 });
    await screen.findByRole('group', { name: 'Inspiring shared purpose' });
    await user.click(radio('rating-1-2'));
    await user.click(screen.getByTestId('save-self-draft'));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(message);
    await user.click(within(summary).getByRole('link'));
    expect(document.getElementById('round')).toHaveFocus();
  });

  it('has no buttons once the round is closed', async () => {
    core({ ...selfAssessment, round: closedRound, submitted: true, answers: [{ dimension_id: 1, rating: 3, importance: null }] });
    render(SelfAssessmentPage, { id: 42 });
    expect(await screen.findByTestId('round-dates')).toHaveTextContent('End of year round: closed; your self-assessment can no longer be changed.');
    expect(radio('rating-1-3')).toBeChecked();
    expect(radio('rating-1-3')).toBeDisabled();
    expect(screen.queryByTestId('submit-self')).toBeNull();
    expect(screen.queryByTestId('save-self-draft')).toBeNull();
  });
});
