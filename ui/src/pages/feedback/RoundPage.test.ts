import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { RoundProgress } from '$lib/api';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { closedProgress, closedRound, issuedCodes, nominations, progress } from '../../test/feedbackFixtures';
import RoundPage from './RoundPage.svelte';
import { cellTexts } from '../../test/cells';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(first: RoundProgress, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ feedback_round_progress: () => first, ...extra }));
}

const cells = cellTexts;
const progressCalls = () => call.mock.calls.filter(([command]) => command === 'feedback_round_progress').length;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('RoundPage for an open round', () => {
  it('shows each fellow’s progress against the minimums, and who to remind', async () => {
    core(progress);
    render(RoundPage, { id: 41 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Baseline (start of year): 2026/27' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('feedback_round_progress', { id: 41, page: 1 });
    expect(screen.queryByTestId('progress-showing')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Pages of fellows' })).toBeNull();
    expect(screen.getByText('1 Oct 2026 to 15 Nov 2026')).toBeInTheDocument();
    expect(screen.getByTestId('round-status')).toHaveTextContent('Open');

    // One short row per fellow: counts against the round's rules, the groups folded away.
    const table = screen.getByRole('table', { name: /Progress by fellow/ });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Fellow',
      'Self-assessment',
      'Responses',
      'Groups at minimum',
      'Report',
    ]);
    const rows = screen.getAllByTestId('progress-row');
    expect(cells(rows[0]).slice(0, 3)).toEqual(['Alex Doctor', 'Submitted', '7 (4 needed) 8 nominated']);
    expect(cells(rows[0]).at(-1)).toBe('Ready');
    const byGroup = within(rows[0]).getByTestId('progress-by-group');
    expect(byGroup.closest('details')).not.toHaveAttribute('open');
    expect(within(byGroup).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line manager: 1 of 1 (1 nominated)',
      'Peers: 3 of 3 (4 nominated)',
      'Direct reports: 3 of 3 (3 nominated)',
      'Others: 0 of 3 (0 nominated)',
      'Service users and citizen partners: 0 of 3 (0 nominated)',
    ]);
    expect(within(rows[0]).getByText('By group').closest('summary')).toHaveTextContent('By group for Alex Doctor');
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('Sam Fellow');
    expect(cells(rows[1]).slice(1, 4)).toEqual(['Not yet', '2 (4 needed) 3 nominated', expect.stringMatching(/^0 \(2 needed\) By group/)]);
    const report = within(rows[1]).getByTestId('progress-report');
    expect(report).toHaveTextContent(/^Report Not ready/);
    expect(within(report).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'The fellow has not completed the self-assessment.',
      '2 of the 4 responses needed from others were received.',
    ]);
    expect(screen.queryByTestId('report-link')).toBeNull();

    // The raters to remind are folded too: a round can wait on a hundred.
    expect(screen.getByTestId('reminders-fold')).toHaveTextContent('Reminders: 1 rater has not responded yet');
    const reminders = screen.getAllByTestId('reminder');
    expect(reminders.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Lee Manager, lee@nhs.net (Line manager for Sam Fellow)']);
    expect(screen.getByText(/Who has responded is never shown/)).toBeInTheDocument();
  });

  it('asks the core for each page of fellows, with the raters to remind for that page', async () => {
    const user = userEvent.setup();
    const many = (page: number): RoundProgress => ({
      ...progress,
      fellows: Array.from({ length: page === 3 ? 20 : 50 }, (_, i) => ({
        ...progress.fellows[1],
        fellow_id: 1000 + (page - 1) * 50 + i,
        fellow_name: `Fellow ${(page - 1) * 50 + i + 1}`,
      })),
      total: 120,
      page,
      reminders: page === 3 ? [] : [{ ...progress.reminders[0], fellow_name: `Fellow ${(page - 1) * 50 + 1}` }],
      waiting: 30,
    });
    // A page past the last gives the last.
    core(progress, { feedback_round_progress: ({ page }) => many(Math.min(page, 3)) });
    render(RoundPage, { id: 41, query: new URLSearchParams('page=2') });
    expect(await screen.findByTestId('progress-showing')).toHaveTextContent('Showing 51 to 100 of 120 fellows');
    expect(call).toHaveBeenCalledWith('feedback_round_progress', { id: 41, page: 2 });
    expect(screen.getAllByTestId('progress-row')).toHaveLength(50);
    // The fold counts the whole round's waiting raters and lists the page's.
    expect(screen.getByTestId('reminders-fold')).toHaveTextContent('Reminders: 30 raters have not responded yet');
    expect(screen.getByText(/for the fellows on this page/)).toBeInTheDocument();
    expect(screen.getAllByTestId('reminder').map((r) => r.textContent)).toEqual([expect.stringContaining('for Fellow 51')]);
    expect(screen.getByRole('heading', { name: 'Nominate a rater for a fellow on this page' })).toBeInTheDocument();

    await user.click(within(screen.getByRole('navigation', { name: 'Pages of fellows' })).getByRole('link', { name: /Next/ }));
    await waitFor(() => expect(screen.getByTestId('progress-showing')).toHaveTextContent('Showing 101 to 120 of 120 fellows'));
    expect(call).toHaveBeenLastCalledWith('feedback_round_progress', { id: 41, page: 3 });
    expect(router.location.query.get('page')).toBe('3');
    expect(screen.getByTestId('progress-showing')).toHaveFocus();
    expect(screen.getByTestId('reminders-empty')).toHaveTextContent(
      'No one with a code for the fellows on this page is waiting to respond.',
    );

    // Asked for a page past the last, the address says which was given.
    call.mockClear();
    render(RoundPage, { id: 41, query: new URLSearchParams('page=9') });
    await waitFor(() => expect(call).toHaveBeenCalledWith('feedback_round_progress', { id: 41, page: 9 }));
    await waitFor(() => expect(router.location.query.get('page')).toBe('3'));
  });

  it('issues codes and shows them once, with the warning to hand them over', async () => {
    const user = userEvent.setup();
    core(progress, { issue_invitation_codes: () => issuedCodes });
    render(RoundPage, { id: 41 });
    await user.click(await screen.findByTestId('issue-codes'));
    expect(call).toHaveBeenCalledWith('issue_invitation_codes', { round_id: 41, nomination_ids: [] });
    const [row] = await screen.findAllByTestId('issued-code');
    expect(cells(row)).toEqual(['Sam Fellow', 'Pip Peer', 'pip@nhs.net', 'Peers', issuedCodes[0].code, 'Save the file for Pip Peer']);
    expect(within(row).getByTestId('code').tagName).toBe('CODE');
    expect(within(row).getByTestId('code')).toHaveTextContent(issuedCodes[0].code);
    expect(screen.getByText('These codes are shown only now. Copy or print them and give each rater their own.')).toBeInTheDocument();
    // The reminders now include the new invitations.
    await waitFor(() => expect(progressCalls()).toBe(2));
    // ...and the codes stay on show after the refresh.
    expect(screen.getAllByTestId('issued-code')).toHaveLength(1);
  });

  it('says when every nominated rater already has a code', async () => {
    const user = userEvent.setup();
    core(progress, { issue_invitation_codes: () => [] });
    render(RoundPage, { id: 41 });
    await user.click(await screen.findByTestId('issue-codes'));
    expect(await screen.findByTestId('no-codes')).toHaveTextContent('Every nominated rater already has a code.');
    expect(screen.queryByTestId('issued-code')).toBeNull();
  });

  it('nominates a rater for the chosen fellow, keeping fellow and group for the next', async () => {
    const user = userEvent.setup();
    core(progress, { nominate_rater: () => nominations });
    render(RoundPage, { id: 41 });
    const fellow = await screen.findByLabelText('Fellow');
    expect(Array.from((fellow as HTMLSelectElement).options).map((o) => o.text)).toEqual(['Choose…', 'Alex Doctor', 'Sam Fellow']);
    await user.selectOptions(fellow, 'Sam Fellow');
    expect(screen.getByLabelText('Rater group')).toHaveAccessibleDescription('How this person works with the fellow.');
    await user.selectOptions(screen.getByLabelText('Rater group'), 'Peers');
    await user.type(screen.getByLabelText("Rater's name"), 'Pip Peer');
    await user.type(screen.getByLabelText("Rater's email address"), 'pip@nhs.net');
    await user.click(screen.getByTestId('nominate'));

    expect(call).toHaveBeenCalledWith('nominate_rater', {
      round_id: 41,
      fellow_id: 7,
      rater_group: 'peer',
      rater_name: 'Pip Peer',
      rater_email: 'pip@nhs.net',
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Pip Peer nominated for Sam Fellow (Peers).');
    expect(screen.getByLabelText("Rater's name")).toHaveValue('');
    expect(screen.getByLabelText("Rater's email address")).toHaveValue('');
    expect(screen.getByLabelText('Fellow')).toHaveValue('7');
    expect(screen.getByLabelText('Rater group')).toHaveValue('peer');
    await waitFor(() => expect(progressCalls()).toBe(2));
  });

  it('keeps what was typed when a nomination fails', async () => {
    const user = userEvent.setup();
    core(progress, {
      nominate_rater: () => {
        throw apiError('conflict', 'This person is already nominated in this round.', [
          { field: 'rater_email', message: 'This person is already nominated in this round.' },
        ]);
      },
    });
    render(RoundPage, { id: 41 });
    await user.selectOptions(await screen.findByLabelText('Fellow'), 'Sam Fellow');
    await user.type(screen.getByLabelText("Rater's name"), 'Lee Manager');
    await user.type(screen.getByLabelText("Rater's email address"), 'lee@nhs.net');
    await user.click(screen.getByTestId('nominate'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This person is already nominated in this round.');
    expect(document.getElementById('rater_email-error')).toHaveTextContent('This person is already nominated in this round.');
    expect(screen.getByLabelText("Rater's name")).toHaveValue('Lee Manager');
    expect(screen.getByLabelText("Rater's email address")).toHaveValue('lee@nhs.net');
  });

  it('asks for confirmation before closing, and can be cancelled', async () => {
    const user = userEvent.setup();
    let closed = false;
    call.mockImplementation(
      fakeCore({
        feedback_round_progress: () => (closed ? closedProgress : progress),
        close_feedback_round: () => {
          closed = true;
          return closedRound;
        },
      }),
    );
    render(RoundPage, { id: 41 });
    await user.click(await screen.findByTestId('close-round'));
    expect(call).not.toHaveBeenCalledWith('close_feedback_round', expect.anything());
    expect(screen.getByText('Close the round now?')).toHaveFocus();
    await user.click(screen.getByTestId('cancel-close'));
    expect(screen.queryByTestId('confirm-close')).toBeNull();
    expect(screen.getByTestId('close-round')).toHaveFocus();

    await user.click(screen.getByTestId('close-round'));
    await user.click(screen.getByTestId('confirm-close'));
    expect(call).toHaveBeenCalledWith('close_feedback_round', { id: 41 });
    expect(await screen.findByRole('status')).toHaveTextContent('The round is closed.');
    await waitFor(() => expect(screen.getByTestId('round-status')).toHaveTextContent('Closed'));
    expect(screen.queryByTestId('close-round')).toBeNull();
    expect(screen.queryByTestId('nominate')).toBeNull();
    expect(screen.queryByTestId('issue-codes')).toBeNull();
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Progress' })).toHaveFocus());
  });
});

describe('RoundPage for a closed round', () => {
  it('shows where each report has got to, with a link to it', async () => {
    core(closedProgress);
    render(RoundPage, { id: 42 });
    expect(await screen.findByRole('heading', { level: 1, name: 'End of year: 2026/27' })).toBeInTheDocument();
    const rows = screen.getAllByTestId('progress-row');
    const link = within(rows[0]).getByTestId('report-link');
    expect(link).toHaveAttribute('href', '#/feedback/42/report/8');
    expect(link).toHaveAccessibleName('View report for Alex Doctor');
    expect(cells(rows[0]).at(-1)).toBe('Released View report for Alex Doctor');
    expect(within(rows[1]).queryByTestId('report-link')).toBeNull();
    expect(cells(rows[1]).at(-1)).toBe('No report: nothing was submitted');
    for (const id of ['nominate', 'issue-codes', 'close-round']) expect(screen.queryByTestId(id)).toBeNull();
  });
});

const SEALED = '{"format":"fellowship-360-response/2","key_id":"ab","sender":"","iv":"","sealed":""}';

describe('RoundPage importing a returned response file', () => {
  it('sends the file to the core, says so, and refreshes the progress', async () => {
    const imported = vi.fn(() => ({ message: "1 response added to Alex Doctor's round." }));
    core(progress, { import_questionnaire_response: imported });
    render(RoundPage, { id: 41 });
    const input = await screen.findByLabelText('Response file');
    await userEvent.upload(input, new File([SEALED], 'r.fellowship-response'));
    const before = progressCalls();
    await userEvent.click(screen.getByTestId('import-response'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent("1 response added to Alex Doctor's round.");
    expect(imported).toHaveBeenCalledWith({ file_name: 'r.fellowship-response', contents: SEALED });
    await waitFor(() => expect(progressCalls()).toBe(before + 1));
  });

  it('shows a refused file beside the field, and asks for a file when none is chosen', async () => {
    core(progress, {
      import_questionnaire_response: () => {
        throw apiError('validation', 'This response file has been changed since the rater saved it.', [
          { field: 'file', message: 'This response file has been changed since the rater saved it.' },
        ]);
      },
    });
    render(RoundPage, { id: 41 });
    await userEvent.click(await screen.findByTestId('import-response'));
    expect(await screen.findByText('Choose the response file to import.', { selector: '.nhsuk-error-message, .nhsuk-error-message *' })).toBeInTheDocument();
    await userEvent.upload(screen.getByLabelText('Response file'), new File(['x'], 'r.json'));
    await userEvent.click(screen.getByTestId('import-response'));
    await waitFor(() => expect(document.getElementById('file-error')).toHaveTextContent('has been changed'));
  });
});
