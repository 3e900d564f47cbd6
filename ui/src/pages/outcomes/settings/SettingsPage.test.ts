import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../../test/fakeCore';
import { faculty, status } from '../../../test/fixtures';
import { measures, outcomesReference, waves } from '../../../test/outcomesDashboardFixtures';
import SettingsPage from './SettingsPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ list_outcome_waves: () => waves, list_outcome_measures: () => measures, ...extra }));
}

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference: outcomesReference, error: null });
});

describe('SettingsPage: follow-up waves', () => {
  it('lists the waves and adds one with the values as typed, refreshing the table', async () => {
    const user = userEvent.setup();
    const added = { id: 3, name: 'Three years on', months_after: 36, window_days: 90, survey_url: 'https://forms.example.nhs.uk/3' };
    core({ save_outcome_wave: () => [...waves, added] });
    render(SettingsPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Waves and measures' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to outcomes' })).toHaveAttribute('href', '#/outcomes');
    const rows = await screen.findAllByTestId('wave-row');
    expect(rows.map(cells)).toEqual([
      ['End of year', '0', '60', 'Change End of year'],
      ['One year on', '12', '90', 'Change One year on'],
    ]);

    // The form opens when asked for, with the focus on its first box.
    expect(screen.queryByLabelText('Name', { selector: '#wave_name' })).toBeNull();
    await user.click(screen.getByTestId('open-wave-form'));
    expect(screen.getByLabelText('Name', { selector: '#wave_name' })).toHaveFocus();
    await user.type(screen.getByLabelText('Name', { selector: '#wave_name' }), 'Three years on');
    await user.type(screen.getByLabelText('Months after the fellowship year ends'), '36');
    await user.type(screen.getByLabelText('Days to respond before a response counts as overdue'), '90');
    await user.type(screen.getByLabelText("Address of the wave's survey (optional)"), 'https://forms.example.nhs.uk/3');
    await user.click(screen.getByTestId('save-wave'));

    expect(call).toHaveBeenCalledWith('save_outcome_wave', {
      id: null, name: 'Three years on', months_after: '36', window_days: '90', survey_url: 'https://forms.example.nhs.uk/3',
    });
    await waitFor(() => expect(screen.getAllByTestId('wave-row')).toHaveLength(3));
    expect(screen.getByTestId('wave-saved')).toHaveTextContent('Three years on saved.');
    // A wave with a survey says so in the table.
    expect(screen.getAllByTestId('wave-row')[2]).toHaveTextContent('Survey emailed to alumni');
    expect(screen.getAllByTestId('wave-row')[0]).not.toHaveTextContent('Survey emailed');
    // Saved, the form closes; opened again, it is empty.
    expect(screen.queryByLabelText('Months after the fellowship year ends')).toBeNull();
    await user.click(screen.getByTestId('open-wave-form'));
    expect(screen.getByLabelText('Months after the fellowship year ends')).toHaveValue('');
  });

  it('shows a months error beside its box and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({
      save_outcome_wave: () => {
        throw apiError('validation', 'Enter the months after the year ends from 0 to 240.', [
          { field: 'months_after', message: 'Enter the months after the year ends from 0 to 240.' },
        ]);
      },
    });
    render(SettingsPage);
    await screen.findAllByTestId('wave-row');
    await user.click(screen.getByTestId('open-wave-form'));
    const months = screen.getByLabelText('Months after the fellowship year ends');
    await user.type(screen.getByLabelText('Name', { selector: '#wave_name' }), 'Later');
    await user.type(months, 'a year');
    await user.type(screen.getByLabelText('Days to respond before a response counts as overdue'), '30');
    await user.click(screen.getByTestId('save-wave'));

    expect(call).toHaveBeenCalledWith('save_outcome_wave', { id: null, name: 'Later', months_after: 'a year', window_days: '30', survey_url: '' });
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the months after the year ends from 0 to 240.' })).toHaveAttribute(
      'href',
      '#months_after',
    );
    expect(document.getElementById('months_after-error')).toHaveTextContent('Enter the months after the year ends from 0 to 240.');
    expect(months.getAttribute('aria-describedby')).toContain('months_after-error');
    expect(months).toHaveClass('nhsuk-input--error');
    expect(months).toHaveValue('a year');
    expect(screen.getByLabelText('Name', { selector: '#wave_name' })).toHaveValue('Later');
    // A failed save keeps the form open.
    expect(screen.getByTestId('save-wave')).toBeInTheDocument();
  });

  it('changes a wave chosen in the table, and cancels to close the form', async () => {
    const user = userEvent.setup();
    core({ save_outcome_wave: () => waves.map((w) => (w.id === 2 ? { ...w, window_days: 120 } : w)) });
    render(SettingsPage);
    await screen.findAllByTestId('wave-row');
    await user.click(screen.getByRole('button', { name: 'Change One year on' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Change One year on' })).toBeInTheDocument();
    const name = screen.getByLabelText('Name', { selector: '#wave_name' });
    expect(name).toHaveValue('One year on');
    await waitFor(() => expect(name).toHaveFocus());
    expect(screen.getByLabelText('Months after the fellowship year ends')).toHaveValue('12');
    const days = screen.getByLabelText('Days to respond before a response counts as overdue');
    await user.clear(days);
    await user.type(days, '120');
    await user.click(screen.getByTestId('save-wave'));
    expect(call).toHaveBeenCalledWith('save_outcome_wave', { id: 2, name: 'One year on', months_after: '12', window_days: '120', survey_url: '' });
    await waitFor(() => expect(cells(screen.getAllByTestId('wave-row')[1])).toEqual(['One year on', '12', '120', 'Change One year on']));

    await user.click(screen.getByRole('button', { name: 'Change End of year' }));
    await waitFor(() => expect(screen.getByLabelText('Name', { selector: '#wave_name' })).toHaveValue('End of year'));
    await user.click(screen.getByTestId('cancel-wave'));
    expect(screen.queryByLabelText('Name', { selector: '#wave_name' })).toBeNull();
    await waitFor(() => expect(screen.getByTestId('open-wave-form')).toHaveFocus());
  });
});

describe('SettingsPage: outcome measures', () => {
  it('lists the measures with their labels and a tag for retired ones', async () => {
    core();
    render(SettingsPage);
    const rows = await screen.findAllByTestId('measure-row');
    expect(rows.map(cells)).toEqual([
      ['leadership_roles', 'Formal leadership roles held', 'Career', 'A count (0 or more)', '3 Behaviour', 'Change Formal leadership roles held'],
      ['challenge_legacy', "The challenge's change", 'Challenge legacy', 'One of a list', '4A Organisational change', "Change The challenge's change"],
      ['worthwhile', 'The programme was worthwhile Retired', 'Survey item', 'A point on a scale', '1 Reaction', 'Change The programme was worthwhile'],
    ]);
  });

  it('loads a measure chosen in the table into the form, and saves it', async () => {
    const user = userEvent.setup();
    core({ save_outcome_measure: () => measures });
    render(SettingsPage);
    await screen.findAllByTestId('measure-row');
    await user.click(screen.getByRole('button', { name: "Change The challenge's change" }));
    expect(screen.getByRole('heading', { level: 3, name: "Change The challenge's change" })).toBeInTheDocument();
    expect(screen.getByLabelText('Code')).toHaveValue('challenge_legacy');
    expect(screen.getByLabelText('Code')).toHaveFocus();
    expect(screen.getByLabelText('Name', { selector: '#measure_name' })).toHaveValue("The challenge's change");
    expect(screen.getByLabelText('Category')).toHaveValue('legacy');
    expect(screen.getByLabelText('Kind of answer')).toHaveValue('choice');
    expect(screen.getByLabelText('Choices')).toHaveValue('sustained=Sustained\nspread=Sustained and spread to other sites\nabandoned=Abandoned');
    expect(screen.getByLabelText('Kirkpatrick level')).toHaveValue('4a');
    expect(screen.getByLabelText('Retired: no longer asked; past answers are kept')).not.toBeChecked();
    await user.click(screen.getByLabelText('Retired: no longer asked; past answers are kept'));
    await user.click(screen.getByTestId('save-measure'));
    expect(call).toHaveBeenCalledWith('save_outcome_measure', {
      id: 5,
      code: 'challenge_legacy',
      name: "The challenge's change",
      category: 'legacy',
      value_type: 'choice',
      choices: 'sustained=Sustained\nspread=Sustained and spread to other sites\nabandoned=Abandoned',
      scale_points: '',
      scale_low: '',
      scale_high: '',
      kirkpatrick: '4a',
      retired: true,
    });
    expect(await screen.findByTestId('measure-saved')).toHaveTextContent("The challenge's change saved.");

    await user.click(screen.getByRole('button', { name: 'Change The programme was worthwhile' }));
    expect(screen.getByLabelText('Points on the scale')).toHaveValue('5');
    expect(screen.getByLabelText('Words for the highest point')).toHaveValue('Strongly agree');
    expect(screen.getByLabelText('Retired: no longer asked; past answers are kept')).toBeChecked();
  });

  it('shows the choices box only for one of a list, and the scale only for a scale', async () => {
    const user = userEvent.setup();
    core();
    render(SettingsPage);
    await screen.findAllByTestId('measure-row');
    await user.click(screen.getByTestId('open-measure-form'));
    const kind = screen.getByLabelText('Kind of answer');
    expect(screen.queryByLabelText('Choices')).toBeNull();
    await user.selectOptions(kind, 'One of a list');
    expect(screen.getByLabelText('Choices')).toBeInTheDocument();
    expect(screen.getByText('One per line, as code=Label. For example, sustained=Sustained')).toBeInTheDocument();
    expect(screen.queryByLabelText('Points on the scale')).toBeNull();
    await user.selectOptions(kind, 'A point on a scale');
    expect(screen.queryByLabelText('Choices')).toBeNull();
    expect(screen.getByLabelText('Points on the scale')).toBeInTheDocument();
    await user.selectOptions(kind, 'Yes or no');
    expect(screen.queryByLabelText('Choices')).toBeNull();
    expect(screen.queryByLabelText('Points on the scale')).toBeNull();
  });

  it('shows the refusal to change the kind of answer beside that field', async () => {
    const user = userEvent.setup();
    const refusal = 'This measure already has answers, so its kind of answer cannot change. Retire it and add a new one.';
    core({ save_outcome_measure: () => Promise.reject({ kind: 'conflict', message: refusal, field: 'value_type', fields: [] }) });
    render(SettingsPage);
    await screen.findAllByTestId('measure-row');
    await user.click(screen.getByRole('button', { name: 'Change Formal leadership roles held' }));
    await user.selectOptions(screen.getByLabelText('Kind of answer'), 'Text');
    await user.click(screen.getByTestId('save-measure'));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: refusal })).toHaveAttribute('href', '#value_type');
    expect(document.getElementById('value_type-error')).toHaveTextContent(refusal);
    expect(screen.getByLabelText('Kind of answer')).toHaveValue('text');
    expect(screen.getByLabelText('Kind of answer').getAttribute('aria-describedby')).toContain('value_type-error');
  });

  it('links a name error to the measure form’s own name box', async () => {
    const user = userEvent.setup();
    core({
      save_outcome_measure: () => {
        throw apiError('validation', "Enter the measure's name.", [{ field: 'name', message: "Enter the measure's name." }]);
      },
    });
    render(SettingsPage);
    await screen.findAllByTestId('measure-row');
    await user.click(screen.getByTestId('open-measure-form'));
    await user.click(screen.getByTestId('save-measure'));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: "Enter the measure's name." })).toHaveAttribute('href', '#measure_name');
    expect(document.getElementById('measure_name-error')).toHaveTextContent("Enter the measure's name.");
    expect(document.getElementById('wave_name-error')).toBeNull();
  });
});
