import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { HistoricPreview } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import HistoricImportPage from './HistoricImportPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const withProblem: HistoricPreview = {
  rows: 3,
  new_cohorts: ['2018/19'],
  new_hosts: ['Old Trust'],
  problems: [{ line: 4, column: 'profession', message: '"surgery" is not a profession in the list.' }],
};
const clean: HistoricPreview = { ...withProblem, problems: [] };

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore(extra));
}
const file = (text: string) => new File([text], '2018.csv', { type: 'text/csv' });

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('HistoricImportPage', () => {
  it('asks for a file before checking anything', async () => {
    core();
    render(HistoricImportPage);
    await userEvent.click(screen.getByTestId('check-historic'));
    expect(document.getElementById('csv_file-error')).toHaveTextContent('Choose the CSV file to import.');
    expect(call).not.toHaveBeenCalled();
  });

  it('lists each problem row and offers no import until there are none', async () => {
    const previews = [withProblem, clean];
    const imported = vi.fn(() => ({ fellows: 3, cohorts: 1, hosts: 1 }));
    core({ preview_historic_import: () => previews.shift() ?? clean, import_historic: imported });
    render(HistoricImportPage);
    await userEvent.upload(screen.getByLabelText('CSV file of earlier cohorts'), file('cohort,name\nx,y\n'));
    await userEvent.click(screen.getByTestId('check-historic'));
    expect(await screen.findByTestId('import-problem')).toHaveTextContent('Line 4, column “profession”');
    expect(screen.getByTestId('historic-summary')).toHaveTextContent('New cohorts: 2018/19');
    expect(screen.queryByTestId('confirm-historic')).not.toBeInTheDocument();

    // The fixed file: a new check, then the import with the same text the check read.
    await userEvent.upload(screen.getByLabelText('CSV file of earlier cohorts'), file('cohort,name\nfixed,y\n'));
    await userEvent.click(screen.getByTestId('check-historic'));
    await userEvent.click(await screen.findByTestId('confirm-historic'));
    expect(imported).toHaveBeenCalledWith({ file_name: '2018.csv', csv: 'cohort,name\nfixed,y\n' });
    expect(await screen.findByTestId('historic-done')).toHaveTextContent('Imported 3 fellows, with 1 new cohort and 1 new host organisation.');
  });

  it('shows the core refusing the import beside the file', async () => {
    core({
      preview_historic_import: () => clean,
      import_historic: () => {
        throw apiError('validation', 'Nothing was imported: 1 problem in 2018.csv.', [{ field: 'csv', message: 'Nothing was imported: 1 problem in 2018.csv.' }]);
      },
    });
    render(HistoricImportPage);
    await userEvent.upload(screen.getByLabelText('CSV file of earlier cohorts'), file('a\n'));
    await userEvent.click(screen.getByTestId('check-historic'));
    await userEvent.click(await screen.findByTestId('confirm-historic'));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Nothing was imported');
    expect(document.getElementById('csv_file-error')).toHaveTextContent('Nothing was imported');
  });
});
