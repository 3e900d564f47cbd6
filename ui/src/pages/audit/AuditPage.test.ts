import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { AuditFilter } from '$lib/api';
import { session } from '$lib/session.svelte';
import { auditEntries } from '../../test/auditFixtures';
import { fakeCore } from '../../test/fakeCore';
import { completedFellow, faculty, fellowPicks, fellows, reference, status, users } from '../../test/fixtures';
import AuditPage from './AuditPage.svelte';
import { commandLabel, formatDateTime } from './labels';
import { cellTexts } from '../../test/cells';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

const csvFile = { file_name: 'audit-trail.csv', mime: 'text/csv', base64: 'aWQsYXQK' };
const ALL: AuditFilter = { fellow_id: null, user_id: null, action: '' };
const cells = cellTexts;
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(entries = auditEntries) {
  call.mockImplementation(
    fakeCore({
      audit_log: () => entries,
      export_audit_log: () => csvFile,
      pick_fellows: fellowPicks([...fellows, completedFellow]),
      list_users: () => users,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('AuditPage', () => {
  it('lists entries in words, with the outcome as a tag', async () => {
    core();
    render(AuditPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('audit-row');
    expect(screen.getByRole('table', { name: 'The latest 500 entries, newest first' })).toBeInTheDocument();
    expect(cells(rows[0]).slice(1)).toEqual(['Ada Lovelace', 'Get fellow', 'Viewed', 'Sam Fellow', 'Done']);
    expect(cells(rows[0])[0]).toBe(formatDateTime('2026-11-26T15:04:05Z'));
    expect(cells(rows[1]).slice(1)).toEqual(['Sam Fellow', 'Export outcomes', 'Exported', '—', 'Refused']);
    expect(within(rows[1]).getByText('Refused')).toHaveClass('nhsuk-tag', 'nhsuk-tag--red');
    expect(cells(rows[2]).slice(2)).toEqual(['Sign in', 'Signed in', '—', 'Failed']);
    expect(callsOf('audit_log')).toEqual([ALL]);
  });

  it('offers fellows, users and actions to filter by', async () => {
    core();
    render(AuditPage);
    await screen.findAllByTestId('audit-row');
    const options = (label: string) => within(screen.getByLabelText(label)).getAllByRole('option').map((o) => o.textContent);
    await waitFor(() =>
      expect(options('Whose record')).toEqual([
        'Anyone',
        'Alex Doctor — 2026/27, no host organisation',
        'Sam Fellow — 2026/27, Leeds Teaching Hospitals',
      ]),
    );
    expect(options('Who')).toEqual(['Any user', 'Ada Lovelace', 'Sam Fellow']);
    expect(options('Action')).toEqual(['All', 'Viewed', 'Changed', 'Exported', 'Signed in']);
  });

  it('asks again with the chosen fellow, user and action', async () => {
    const user = userEvent.setup();
    core();
    render(AuditPage);
    await screen.findAllByTestId('audit-row');
    await waitFor(() => expect(screen.getByLabelText('Whose record')).toHaveTextContent('Sam Fellow'));
    await user.selectOptions(screen.getByLabelText('Whose record'), 'Sam Fellow — 2026/27, Leeds Teaching Hospitals');
    await user.selectOptions(screen.getByLabelText('Action'), 'Exported');
    await user.selectOptions(screen.getByLabelText('Who'), 'Ada Lovelace');
    await waitFor(() =>
      expect(callsOf('audit_log')).toEqual([
        ALL,
        { fellow_id: 7, user_id: null, action: '' },
        { fellow_id: 7, user_id: null, action: 'export' },
        { fellow_id: 7, user_id: 1, action: 'export' },
      ]),
    );
  });

  it('offers completed and withdrawn fellows only when asked, without asking for entries again', async () => {
    const user = userEvent.setup();
    core();
    render(AuditPage);
    await screen.findAllByTestId('audit-row');
    const whose = screen.getByLabelText('Whose record');
    await waitFor(() => expect(whose).toHaveTextContent('Sam Fellow'));
    expect(whose).not.toHaveTextContent('2025/26');
    await user.click(screen.getByLabelText('Include completed and withdrawn fellows'));
    expect(within(whose).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Anyone',
      'Alex Doctor — 2026/27, no host organisation',
      'Sam Fellow — 2026/27, Leeds Teaching Hospitals',
      'Sam Fellow — 2025/26, Barts Health (completed)',
    ]);
    await user.selectOptions(whose, 'Sam Fellow — 2025/26, Barts Health (completed)');
    await user.click(screen.getByLabelText('Include completed and withdrawn fellows'));
    // The chosen fellow stays listed, and chosen.
    expect(whose).toHaveValue('9');
    expect(within(whose).getAllByRole('option')).toHaveLength(4);
    await waitFor(() => expect(callsOf('audit_log')).toEqual([ALL, { fellow_id: 9, user_id: null, action: '' }]));
  });

  it('says when nothing matches', async () => {
    core([]);
    render(AuditPage);
    expect(await screen.findByTestId('audit-empty')).toHaveTextContent('No entries match these filters.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('exports with the current filter', async () => {
    const user = userEvent.setup();
    core();
    saveDocument.mockImplementation((d: { file_name: string }) => Promise.resolve(`/home/ada/Downloads/${d.file_name}`));
    render(AuditPage);
    await screen.findAllByTestId('audit-row');
    await user.selectOptions(screen.getByLabelText('Action'), 'Signed in');
    await user.click(screen.getByTestId('export-audit'));
    expect(await screen.findByTestId('export-audit-saved')).toHaveTextContent('Saved to /home/ada/Downloads/audit-trail.csv');
    expect(callsOf('export_audit_log')).toEqual([{ fellow_id: null, user_id: null, action: 'sign_in' }]);
    expect(saveDocument).toHaveBeenCalledWith(csvFile);
  });
});

describe('labels', () => {
  it('turns a command into words', () => {
    expect(commandLabel('get_fellow')).toBe('Get fellow');
    expect(commandLabel('audit_log')).toBe('Audit log');
  });

  it('shows a moment in UK time, whatever the computer’s zone', () => {
    expect(formatDateTime('2026-11-26T15:04:05Z')).toBe('26 Nov 2026, 15:04:05');
    // British Summer Time is an hour ahead of UTC, across midnight too.
    expect(formatDateTime('2026-07-01T23:30:00Z')).toBe('2 Jul 2026, 00:30:00');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
