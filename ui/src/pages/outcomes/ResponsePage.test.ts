import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { OutcomeResponse, OutcomeResponseInput } from '$lib/api';
import { today } from '$lib/format';
import { splitDate } from '$lib/forms/dates';
import { session } from '$lib/session.svelte';
import { fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { importedResponse, newResponse, responseInvalid } from '../../test/outcomesFixtures';
import ResponsePage from './ResponsePage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(first: OutcomeResponse, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_outcome_response: () => first, ...extra }));
}

const byId = (id: string) => document.getElementById(id) as HTMLInputElement;

/** What the core sends back after a save: the response with the answers given. */
function savedFrom(input: OutcomeResponseInput): OutcomeResponse {
  return { ...newResponse, responded_on: input.responded_on, source: 'recorded', answers: input.answers.filter((a) => a.value !== '') };
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('ResponsePage', () => {
  it('asks each current measure by category, with its Kirkpatrick level, in a control for its kind of answer', async () => {
    core(newResponse);
    render(ResponsePage, { waveId: 2, fellowId: 22 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sam Fellow: 1 year after' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('get_outcome_response', { fellow_id: 22, wave_id: 2 });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Career',
      'Challenge legacy',
      'Scholarly',
      'Survey item',
    ]);
    // Retired measures without an answer are not asked.
    expect(screen.queryByText(/Role before the fellowship/)).toBeNull();
    expect(screen.queryByText(/Posters/)).toBeNull();

    const role = screen.getByLabelText('Current role');
    expect(role.tagName).toBe('TEXTAREA');
    expect(role).toHaveAttribute('id', 'answers.1');
    expect(role).toHaveAttribute('rows', '2');
    expect(role).toHaveAccessibleDescription('Kirkpatrick level: 3B Learner achievements');

    const count = screen.getByLabelText('Formal leadership roles held');
    expect(count).toHaveAttribute('id', 'answers.4');
    expect(count).toHaveAttribute('inputmode', 'numeric');
    expect(count).toHaveClass('nhsuk-input--width-4');
    expect(count).toHaveAccessibleDescription('Kirkpatrick level: 3 Behaviour');

    const study = screen.getByRole('group', { name: 'Further study' });
    expect(study).toHaveAttribute('id', 'answers.10');
    expect(within(study).getAllByRole('radio').map((r) => [(r as HTMLInputElement).value, r.id])).toEqual([
      ['yes', 'answers.10-yes'],
      ['no', 'answers.10-no'],
      ['', 'answers.10-none'],
    ]);
    expect(within(study).getByLabelText('No answer')).toBeChecked();
    expect(study.querySelector('.nhsuk-radios--inline')).not.toBeNull();

    const legacy = screen.getByRole('group', { name: 'The challenge’s change' });
    expect(within(legacy).getAllByRole('radio').map((r) => r.id)).toEqual([
      'answers.5-sustained',
      'answers.5-spread',
      'answers.5-abandoned',
      'answers.5-none',
    ]);
    expect(within(legacy).getByLabelText('Sustained and spread to other sites')).toHaveAttribute('value', 'spread');
    expect(legacy).toHaveAccessibleDescription('Kirkpatrick level: 4A Organisational change');

    const scale = screen.getByRole('group', { name: 'The programme was worthwhile' });
    expect(within(scale).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['1', '2', '3', '4', '5', '']);
    expect(scale).toHaveAccessibleDescription('1 = Strongly disagree, 5 = Strongly agree. Kirkpatrick level: 1 Reaction');
  });

  it('starts a new response on today’s date', async () => {
    core(newResponse);
    render(ResponsePage, { waveId: 2, fellowId: 22 });
    await screen.findByLabelText('Current role');
    const { day, month, year } = splitDate(today());
    expect(screen.getByLabelText('Day')).toHaveValue(day);
    expect(screen.getByLabelText('Month')).toHaveValue(month);
    expect(screen.getByLabelText('Year')).toHaveValue(year);
  });

  it('fills in an earlier response, a retired measure it answered included', async () => {
    core(importedResponse);
    render(ResponsePage, { waveId: 2, fellowId: 21 });
    expect(await screen.findByLabelText('Current role')).toHaveValue('Associate director of nursing');
    expect(screen.getByLabelText('Role before the fellowship (retired)')).toHaveValue('Ward sister');
    expect(screen.queryByText(/Posters/)).toBeNull();
    expect(byId('answers.5-spread')).toBeChecked();
    expect(byId('answers.10-no')).toBeChecked();
    expect(byId('answers.11-4')).toBeChecked();
    expect(screen.getByLabelText('Formal leadership roles held')).toHaveValue('');
    expect(screen.getByLabelText('Day')).toHaveValue('14');
    expect(screen.getByLabelText('Month')).toHaveValue('9');
    expect(screen.getByTestId('imported-note')).toHaveTextContent('imported from a survey');
    expect(screen.getByRole('link', { name: 'Back to alumni outcomes' })).toHaveAttribute('href', '#/outcomes?wave=2');
  });

  it('sends each answer as typed or chosen, then confirms and shows what was saved', async () => {
    const user = userEvent.setup();
    core(newResponse, { save_outcome_response: (input) => savedFrom(input) });
    render(ResponsePage, { waveId: 2, fellowId: 22 });
    await user.type(await screen.findByLabelText('Current role'), 'Matron');
    await user.type(screen.getByLabelText('Formal leadership roles held'), '2');
    await user.click(byId('answers.5-sustained'));
    await user.click(byId('answers.10-yes'));
    await user.click(byId('answers.11-5'));
    for (const [label, text] of [['Day', '3'], ['Month', '9'], ['Year', '2026']]) {
      await user.clear(screen.getByLabelText(label));
      await user.type(screen.getByLabelText(label), text);
    }
    await user.click(screen.getByTestId('save-response'));

    expect(call).toHaveBeenCalledWith('save_outcome_response', {
      fellow_id: 22,
      wave_id: 2,
      responded_on: '2026-09-03',
      answers: [
        { measure_id: 1, value: 'Matron' },
        { measure_id: 4, value: '2' },
        { measure_id: 5, value: 'sustained' },
        { measure_id: 10, value: 'yes' },
        { measure_id: 11, value: '5' },
      ],
    });
    expect(await screen.findByTestId('confirmation')).toHaveTextContent('Sam Fellow’s response is saved.');
    expect(screen.getByLabelText('Current role')).toHaveValue('Matron');
    expect(byId('answers.10-yes')).toBeChecked();
    expect(byId('answers.11-5')).toBeChecked();
  });

  it('sends "No answer" as empty, clearing an earlier answer', async () => {
    const user = userEvent.setup();
    core(importedResponse, { save_outcome_response: (input) => savedFrom(input) });
    render(ResponsePage, { waveId: 2, fellowId: 21 });
    await screen.findByLabelText('Current role');
    await user.click(byId('answers.10-none'));
    await user.click(screen.getByTestId('save-response'));
    const [, sent] = call.mock.calls.find(([command]) => command === 'save_outcome_response')!;
    expect(sent.answers).toContainEqual({ measure_id: 10, value: '' });
    expect(sent.answers).toContainEqual({ measure_id: 13, value: 'Ward sister' });
    expect(sent.answers.map((a: { measure_id: number }) => a.measure_id)).not.toContain(14);
  });

  it('shows an answer’s error beside its control and keeps everything typed', async () => {
    const user = userEvent.setup();
    core(newResponse, { save_outcome_response: () => Promise.reject(responseInvalid) });
    render(ResponsePage, { waveId: 2, fellowId: 22 });
    await user.type(await screen.findByLabelText('Current role'), 'Matron');
    await user.type(screen.getByLabelText('Formal leadership roles held'), 'lots');
    await user.click(byId('answers.11-2'));
    await user.click(screen.getByTestId('save-response'));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: '"lots" is not a whole number of 0 or more.' })).toHaveAttribute('href', '#answers.4');
    const count = screen.getByLabelText('Formal leadership roles held');
    expect(document.getElementById('answers.4-error')).toHaveTextContent('"lots" is not a whole number of 0 or more.');
    expect(count).toHaveClass('nhsuk-input--error');
    expect(count.getAttribute('aria-describedby')).toContain('answers.4-error');
    expect(document.getElementById('responded_on-error')).toHaveTextContent('The response date cannot be in the future.');
    expect(count).toHaveValue('lots');
    expect(screen.getByLabelText('Current role')).toHaveValue('Matron');
    expect(byId('answers.11-2')).toBeChecked();
    expect(screen.queryByTestId('confirmation')).toBeNull();

    await user.click(within(summary).getByRole('link', { name: '"lots" is not a whole number of 0 or more.' }));
    expect(count).toHaveFocus();
  });

  it('shows "Enter at least one answer." above the questions, its link going to the first', async () => {
    const user = userEvent.setup();
    const message = 'Enter at least one answer.';
    core(newResponse, { save_outcome_response: () => Promise.reject({ kind: 'validation', message, field: 'answers', fields: [{ field: 'answers', message }] }) });
    render(ResponsePage, { waveId: 2, fellowId: 22 });
    await user.click(await screen.findByTestId('save-response'));
    const summary = await screen.findByRole('alert');
    expect(document.getElementById('answers-error')).toHaveTextContent(message);
    await user.click(within(summary).getByRole('link', { name: message }));
    expect(screen.getByLabelText('Current role')).toHaveFocus();
  });
});
