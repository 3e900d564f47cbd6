import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { formatDateTime } from '$lib/format';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { backupPreview, backups, privacyHandlers, restoreResult, review } from '../../test/privacyFixtures';
import PrivacyPage from './PrivacyPage.svelte';
import { backupKindLabel, consentLabel, formatSize, tableLabel } from './labels';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(handlers: Handlers = {}) {
  call.mockImplementation(fakeCore({ ...privacyHandlers(), ...handlers }));
}

async function previewDaily(user: ReturnType<typeof userEvent.setup>) {
  const buttons = await screen.findAllByTestId('preview-backup');
  await user.click(buttons[1]);
  return screen.findByTestId('backup-preview');
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('anonymising everyone due', () => {
  it('refuses a wrong count beside the field, keeping what was typed', async () => {
    const user = userEvent.setup();
    core({
      erase_due_alumni: ({ confirm_count }) => {
        if (confirm_count !== 2) {
          throw apiError('validation', 'Type the number of alumni listed, 2, to confirm.', [
            { field: 'confirm_count', message: 'Type the number of alumni listed, 2, to confirm.' },
          ]);
        }
        return { erased: 2 };
      },
    });
    render(PrivacyPage);
    const count = await screen.findByTestId('erase-due-count');
    expect(screen.getByLabelText('Type the number of alumni listed (2) to confirm')).toBe(count);
    await user.type(count, '3');
    await user.click(screen.getByTestId('erase-due'));
    expect(await screen.findByText('Nobody was anonymised')).toBeInTheDocument();
    expect(document.getElementById('confirm_count-error')).toHaveTextContent('Type the number of alumni listed, 2, to confirm.');
    expect(count).toHaveValue('3');
    expect(callsOf('erase_due_alumni')).toEqual([{ on: '', confirm_count: 3 }]);
  });

  it('anonymises everyone listed, says how many, and lists who is due now', async () => {
    const user = userEvent.setup();
    let erased = false;
    core({
      erase_due_alumni: () => {
        erased = true;
        return { erased: 2 };
      },
      retention_review: () => (erased ? { ...review, due: [] } : review),
    });
    render(PrivacyPage);
    await user.type(await screen.findByTestId('erase-due-count'), '2');
    await user.click(screen.getByTestId('erase-due'));
    expect(await screen.findByTestId('erase-due-done')).toHaveTextContent('2 alumni anonymised.');
    expect(await screen.findByTestId('retention-empty')).toBeInTheDocument();
    expect(screen.queryByTestId('erase-due-form')).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('retention', () => {
  it('states the rule and lists the alumni due, each linking to their profile', async () => {
    core();
    render(PrivacyPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Data protection' })).toBeInTheDocument();
    expect(await screen.findByTestId('retention-rule')).toHaveTextContent(
      'Alumni who have not consented to follow-up are anonymised 6 years after they leave.',
    );
    expect(screen.getByTestId('retention-years')).toHaveValue('6');
    const table = screen.getByTestId('retention-due');
    expect(screen.getByRole('table', { name: 'Due for anonymisation by 1 Sep 2033' })).toBe(table);
    const rows = screen.getAllByTestId('retention-row');
    expect(rows.map(cells)).toEqual([
      ['Alex Doctor', '2026/27', '15 Jan 2027', '15 Jan 2033', 'Not asked'],
      ['Jo Pharmacist', '2026/27', '31 Aug 2027', '31 Aug 2033', 'Withdrew consent'],
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'Alex Doctor' })).toHaveAttribute('href', '#/fellows/8');
    expect(callsOf('retention_review')).toEqual([{ on: '' }]);
  });

  it('says when no one is due', async () => {
    core({ retention_review: () => ({ ...review, due: [] }) });
    render(PrivacyPage);
    expect(await screen.findByTestId('retention-empty')).toHaveTextContent('No alumni are due for anonymisation.');
    expect(screen.queryByTestId('retention-due')).toBeNull();
  });

  it('looks ahead to a date, and shows a bad date beside the date', async () => {
    const user = userEvent.setup();
    core({
      retention_review: ({ on }) => {
        if (on === '2034-02-30') {
          throw apiError('validation', 'The date to look ahead to must be a real date.', [
            { field: 'on', message: 'The date to look ahead to must be a real date.' },
          ]);
        }
        return on ? { ...review, today: on, due: [] } : review;
      },
    });
    render(PrivacyPage);
    const date = within(await screen.findByTestId('retention-on'));
    await user.type(date.getByLabelText('Day'), '30');
    await user.type(date.getByLabelText('Month'), '2');
    await user.type(date.getByLabelText('Year'), '2034');
    await user.click(screen.getByTestId('retention-review'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The date to look ahead to must be a real date.');
    expect(document.getElementById('retention-on-error')).toHaveTextContent('The date to look ahead to must be a real date.');
    expect(screen.getAllByTestId('retention-row')).toHaveLength(2);

    await user.clear(date.getByLabelText('Day'));
    await user.type(date.getByLabelText('Day'), '1');
    await user.click(screen.getByTestId('retention-review'));
    expect(await screen.findByTestId('retention-empty')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsOf('retention_review')).toEqual([{ on: '' }, { on: '2034-02-30' }, { on: '2034-02-01' }]);
  });

  it('changes the rule, showing the core’s refusal beside the years', async () => {
    const user = userEvent.setup();
    let years = 6;
    core({
      retention_review: () => ({ ...review, retention_years: years }),
      set_retention: ({ retention_years }) => {
        if (retention_years > 25) {
          throw apiError('validation', 'Keep alumni records between 1 and 25 years after they leave.', [
            { field: 'retention_years', message: 'Keep alumni records between 1 and 25 years after they leave.' },
          ]);
        }
        years = retention_years;
        return BigInt(years);
      },
    });
    render(PrivacyPage);
    const input = await screen.findByTestId('retention-years');
    await user.clear(input);
    await user.type(input, '30');
    await user.click(screen.getByTestId('save-retention'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Keep alumni records between 1 and 25 years after they leave.');
    expect(document.getElementById('retention_years-error')).toHaveTextContent('between 1 and 25 years');
    expect(input).toHaveValue('30');

    await user.clear(input);
    await user.type(input, 'ten');
    await user.click(screen.getByTestId('save-retention'));
    expect(document.getElementById('retention_years-error')).toHaveTextContent('Enter a whole number of years, like 6.');

    await user.clear(input);
    await user.type(input, '7');
    await user.click(screen.getByTestId('save-retention'));
    expect(await screen.findByText('Alumni records are now kept for 7 years after they leave.')).toBeInTheDocument();
    expect(await screen.findByTestId('retention-rule')).toHaveTextContent('anonymised 7 years after they leave');
    expect(callsOf('set_retention')).toEqual([{ retention_years: 30 }, { retention_years: 7 }]);
  });
});

describe('backups', () => {
  it('lists backups with when, what kind and how big', async () => {
    core();
    render(PrivacyPage);
    const table = await screen.findByTestId('backups-table');
    const rows = within(table).getAllByTestId('backup-row');
    expect(rows.map((r) => cells(r).slice(0, 3))).toEqual([
      [formatDateTime('2027-03-02T10:15:00Z'), 'Made by hand', '2.3 MB'],
      [formatDateTime('2027-03-01T09:00:00Z'), 'Daily', '500 KB'],
      [formatDateTime('2027-02-20T16:00:00Z'), 'Before a restore', '1 KB'],
    ]);
    expect(within(rows[1]).getByTestId('preview-backup')).toHaveAttribute('data-file', 'fellowship-2027-03-01T090000Z.sqlite');
  });

  it('backs up now and lists the new copy', async () => {
    const user = userEvent.setup();
    const made = { ...backups[0], file_name: 'fellowship-manual-new.sqlite', taken_at: '2027-03-03T08:00:00Z' };
    let list = backups;
    core({
      list_backups: () => list,
      make_backup: () => {
        list = [made, ...backups];
        return made;
      },
    });
    render(PrivacyPage);
    await screen.findByTestId('backups-table');
    await user.click(screen.getByTestId('make-backup'));
    expect(await screen.findByText(`Backup made at ${formatDateTime(made.taken_at)}.`)).toBeInTheDocument();
    expect(await screen.findAllByTestId('backup-row')).toHaveLength(4);
  });

  it('previews a backup: its condition and what it holds', async () => {
    const user = userEvent.setup();
    core();
    render(PrivacyPage);
    const preview = await previewDaily(user);
    expect(within(preview).getByTestId('backup-integrity')).toHaveTextContent('Checked: no damage found');
    expect(within(preview).getByRole('heading', { name: /Backup taken at/ })).toHaveFocus();
    const counts = within(preview).getByRole('table', { name: 'What this backup holds' });
    expect(within(counts).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['Fellows', '24'],
      ['Learning sets', '3'],
    ]);
    expect(callsOf('preview_backup')).toEqual([{ file_name: 'fellowship-2027-03-01T090000Z.sqlite' }]);
  });

  it('names the damage in a damaged backup', async () => {
    const user = userEvent.setup();
    core({ preview_backup: () => ({ ...backupPreview, integrity: 'row 3 missing from index' }) });
    render(PrivacyPage);
    const preview = await previewDaily(user);
    expect(within(preview).getByTestId('backup-integrity')).toHaveTextContent('Damaged: row 3 missing from index');
  });

  it('asks for the box to be ticked, beside the box', async () => {
    const user = userEvent.setup();
    const message = 'Tick the box to confirm that the restore replaces the current data.';
    core({ restore_backup: () => Promise.reject(apiError('validation', message, [{ field: 'confirm', message }])) });
    render(PrivacyPage);
    await previewDaily(user);
    await user.click(screen.getByTestId('restore-backup'));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(document.getElementById('confirm-error')).toHaveTextContent(message);
    expect(screen.getByTestId('restore-confirm')).toHaveAttribute('aria-describedby', 'confirm-error');
    expect(callsOf('restore_backup')).toEqual([{ file_name: 'fellowship-2027-03-01T090000Z.sqlite', confirm: false }]);
  });

  it('shows a problem with the backup itself at the top of the form', async () => {
    const user = userEvent.setup();
    const message = 'This backup is damaged and cannot be restored (row 3 missing from index).';
    core({ restore_backup: () => Promise.reject(apiError('validation', message, [{ field: 'file_name', message }])) });
    render(PrivacyPage);
    await previewDaily(user);
    await user.click(screen.getByTestId('restore-confirm'));
    await user.click(screen.getByTestId('restore-backup'));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: message })).toHaveAttribute('href', '#file_name');
    expect(document.getElementById('file_name-error')).toHaveTextContent(message);
    expect(screen.getByTestId('restore-confirm')).toBeChecked();
  });

  it('restores, says what was kept, and signs out so everyone signs in again', async () => {
    const user = userEvent.setup();
    core({ restore_backup: () => restoreResult, sign_out: () => status(null) });
    render(PrivacyPage);
    await previewDaily(user);
    await user.click(screen.getByLabelText(/I understand that restoring replaces all current records with this backup's/));
    await user.click(screen.getByTestId('restore-backup'));
    const done = await screen.findByTestId('restore-done');
    expect(done).toHaveTextContent(
      `Restored from fellowship-2027-03-01T090000Z.sqlite. The data as it stood was kept as ${restoreResult.safety_copy}.`,
    );
    expect(done).toHaveTextContent('1 erasure made since the backup was applied again');
    expect(within(done).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.queryByTestId('backups-table')).toBeNull();
    expect(callsOf('restore_backup')).toEqual([{ file_name: 'fellowship-2027-03-01T090000Z.sqlite', confirm: true }]);

    await user.click(screen.getByTestId('sign-in-again'));
    expect(callsOf('sign_out')).toEqual([null]);
    await vi.waitFor(() => expect(session.status?.user).toBeNull());
  });

  it('leaves out the erasures line when none were re-applied', async () => {
    const user = userEvent.setup();
    core({ restore_backup: () => ({ ...restoreResult, erasures_reapplied: 0 }) });
    render(PrivacyPage);
    await previewDaily(user);
    await user.click(screen.getByTestId('restore-confirm'));
    await user.click(screen.getByTestId('restore-backup'));
    expect(await screen.findByTestId('restore-done')).not.toHaveTextContent('erasure');
  });
});

describe('accessibility', () => {
  it('has no serious problems, with a preview and an error shown', async () => {
    const user = userEvent.setup();
    const message = 'Tick the box.';
    core({ restore_backup: () => Promise.reject(apiError('validation', message, [{ field: 'confirm', message }])) });
    render(PrivacyPage);
    await screen.findAllByTestId('retention-row');
    expect(await seriousViolations()).toEqual([]);
    await previewDaily(user);
    await user.click(screen.getByTestId('restore-backup'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('has no serious problems after a restore', async () => {
    const user = userEvent.setup();
    core({ restore_backup: () => restoreResult });
    render(PrivacyPage);
    await previewDaily(user);
    await user.click(screen.getByTestId('restore-confirm'));
    await user.click(screen.getByTestId('restore-backup'));
    await screen.findByTestId('restore-done');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('labels', () => {
  it('puts codes and sizes into words', () => {
    expect(consentLabel('given')).toBe('Consents to follow-up');
    expect(consentLabel('declined')).toBe('Declined follow-up');
    expect(consentLabel('withdrawn')).toBe('Withdrew consent');
    expect(consentLabel(null)).toBe('Not asked');
    expect(backupKindLabel('before_restore')).toBe('Before a restore');
    expect(formatSize(1536)).toBe('2 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(tableLabel('feedback_nominations')).toBe('Feedback nominations');
  });
});
