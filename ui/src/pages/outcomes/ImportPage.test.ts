import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { cleanPreview, csv, outcomesHandlers, previewWithProblems, refusal } from '../../test/outcomesFixtures';
import ImportPage from './ImportPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ ...outcomesHandlers(), ...extra }));
}

const surveyFile = (text = csv, name = 'survey.csv') => new File([text], name, { type: 'text/csv' });
const calls = (command: string) => call.mock.calls.filter(([c]) => c === command).map(([, args]) => args);
const suggested = previewWithProblems.mapping;

/** Chooses the wave and the file, and asks for the first check. */
async function checkFile(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(await screen.findByLabelText('Wave'), '1 year after');
  await user.upload(screen.getByLabelText('CSV file exported by the survey tool'), surveyFile());
  await user.click(screen.getByTestId('check-import'));
  await screen.findAllByTestId('mapping-row');
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('ImportPage', () => {
  it('asks for the wave and a CSV file before checking anything', async () => {
    const user = userEvent.setup();
    core();
    render(ImportPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Import responses from a survey' })).toBeInTheDocument();
    const input = await screen.findByLabelText('CSV file exported by the survey tool');
    expect(input).toHaveAttribute('id', 'csv_file');
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('accept', '.csv,text/csv');
    expect(screen.getByTestId('check-import')).toHaveTextContent('Check the file');

    await user.click(screen.getByTestId('check-import'));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Choose the wave these responses belong to.', '#wave_id'],
      ['Choose the CSV file to import.', '#csv_file'],
    ]);
    expect(document.getElementById('csv_file-error')).toHaveTextContent('Choose the CSV file to import.');
    expect(calls('preview_outcome_import')).toEqual([]);
  });

  it('checks the file with the suggested mapping, lists every problem and offers no import', async () => {
    const user = userEvent.setup();
    core();
    render(ImportPage);
    await checkFile(user);

    expect(calls('preview_outcome_import')).toEqual([{ wave_id: 2, file_name: 'survey.csv', csv, mapping: [] }]);
    const summary = screen.getByTestId('import-summary');
    expect(summary).toHaveAttribute('role', 'status');
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '2 rows',
      '1 would replace earlier responses',
      '2 problems to fix before importing',
    ]);

    const table = screen.getByRole('table', { name: 'Columns in the file' });
    expect(within(table).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['Email', 'Submitted', 'Current role', 'Worthwhile']);
    const select = screen.getByLabelText('What column Email holds');
    expect(select).toHaveAttribute('id', 'mapping-0');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(previewWithProblems.targets.map((t) => t.label));
    expect([0, 1, 2, 3].map((i) => (document.getElementById(`mapping-${i}`) as HTMLSelectElement).value)).toEqual(
      suggested.map((m) => m.target),
    );

    expect(screen.getAllByTestId('import-problem').map((li) => li.textContent)).toEqual([
      'Line 3, column “Email”: No fellow has the email "nobody@nhs.net".',
      'Line 1: Map one column to the alumnus’s email address or registration number.',
    ]);
    expect(screen.queryByTestId('confirm-import')).toBeNull();
    expect(screen.getByTestId('check-import')).toHaveTextContent('Check again');
  });

  it('checks again with the edited mapping, then imports and says what was imported', async () => {
    const user = userEvent.setup();
    core();
    render(ImportPage);
    await checkFile(user);
    await user.selectOptions(screen.getByLabelText('What column Worthwhile holds'), 'The programme was worthwhile');
    await user.click(screen.getByTestId('check-import'));

    const edited = suggested.map((m) => (m.column === 'Worthwhile' ? { ...m, target: 'measure:worthwhile' } : m));
    expect(calls('preview_outcome_import')[1]).toEqual({ wave_id: 2, file_name: 'survey.csv', csv, mapping: edited });
    const confirm = await screen.findByTestId('confirm-import');
    expect(confirm).toHaveTextContent('Import 2 rows');
    expect(screen.queryByTestId('import-problem')).toBeNull();
    expect(screen.getByTestId('import-summary')).toHaveTextContent('No problems found');

    await user.click(confirm);
    expect(calls('import_outcomes')).toEqual([{ wave_id: 2, file_name: 'survey.csv', csv, mapping: edited }]);
    const done = await screen.findByTestId('import-done');
    expect(done).toHaveTextContent('Imported 2 responses (1 replaced earlier ones).');
    expect(within(done).getByRole('link', { name: 'See the outcomes dashboard' })).toHaveAttribute('href', '#/outcomes/dashboard');
    expect(within(done).getByRole('heading', { name: 'Responses imported' })).toHaveFocus();
    expect(screen.queryByTestId('confirm-import')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByTestId('check-import')).toHaveTextContent('Check the file');
  });

  it('holds the import back while the mapping has changed since the check', async () => {
    const user = userEvent.setup();
    core({ preview_outcome_import: () => cleanPreview });
    render(ImportPage);
    await checkFile(user);
    expect(screen.getByTestId('confirm-import')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('What column Current role holds'), 'Ignore this column');
    expect(screen.queryByTestId('confirm-import')).toBeNull();
    expect(screen.getByTestId('mapping-changed')).toHaveTextContent('check the file again before importing');
  });

  it('forgets the check when the wave or the file changes', async () => {
    const user = userEvent.setup();
    core();
    render(ImportPage);
    await checkFile(user);
    await user.selectOptions(screen.getByLabelText('Wave'), 'End of year');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByTestId('import-problem')).toBeNull();
    expect(screen.getByTestId('check-import')).toHaveTextContent('Check the file');

    await user.click(screen.getByTestId('check-import'));
    await screen.findAllByTestId('mapping-row');
    await user.upload(screen.getByLabelText('CSV file exported by the survey tool'), surveyFile('Email\nsam@nhs.net\n', 'second.csv'));
    expect(screen.queryByRole('table')).toBeNull();
    await user.click(screen.getByTestId('check-import'));
    await screen.findAllByTestId('mapping-row');
    expect(calls('preview_outcome_import').map((a) => [a.wave_id, a.file_name, a.csv, a.mapping])).toEqual([
      [2, 'survey.csv', csv, []],
      [1, 'survey.csv', csv, []],
      [1, 'second.csv', 'Email\nsam@nhs.net\n', []],
    ]);
  });

  it('shows the core’s refusal beside the file, keeping the check', async () => {
    const user = userEvent.setup();
    core({ preview_outcome_import: () => cleanPreview, import_outcomes: () => Promise.reject(refusal) });
    render(ImportPage);
    await checkFile(user);
    await user.click(screen.getByTestId('confirm-import'));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: refusal.message });
    expect(link).toHaveAttribute('href', '#csv_file');
    expect(document.getElementById('csv_file-error')).toHaveTextContent(refusal.message);
    expect(screen.queryByTestId('import-done')).toBeNull();
    expect(screen.getByRole('table', { name: 'Columns in the file' })).toBeInTheDocument();
    await user.click(link);
    expect(screen.getByLabelText('CSV file exported by the survey tool')).toHaveFocus();
  });

  it('shows why a file cannot be read at all', async () => {
    const user = userEvent.setup();
    const empty = 'The file is empty: it needs a header row and at least one row of answers.';
    core({ preview_outcome_import: () => Promise.reject({ kind: 'validation', message: empty, field: 'csv', fields: [{ field: 'csv', message: empty }] }) });
    render(ImportPage);
    await user.selectOptions(await screen.findByLabelText('Wave'), '1 year after');
    await user.upload(screen.getByLabelText('CSV file exported by the survey tool'), surveyFile(''));
    await user.click(screen.getByTestId('check-import'));
    expect(await screen.findByRole('alert')).toHaveTextContent(empty);
    expect(document.getElementById('csv_file-error')).toHaveTextContent(empty);
    expect(screen.queryByRole('table')).toBeNull();
  });
});
