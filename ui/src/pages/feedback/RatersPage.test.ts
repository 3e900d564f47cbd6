import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import { nominations, rounds } from '../../test/feedbackFixtures';
import RatersPage from './RatersPage.svelte';
import { cellTexts } from '../../test/cells';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ list_feedback_rounds: () => rounds, list_nominations: () => nominations, ...extra }));
}

// The cells' text without the column names a stacking table repeats for phones.
const cells = cellTexts;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('RatersPage', () => {
  it('explains the groups and minimums, and lists nominations without a word on responses', async () => {
    core();
    render(RatersPage, { id: 41 });
    expect(screen.getByRole('heading', { level: 1, name: 'Your raters' })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('nomination-row');
    expect(call).toHaveBeenCalledWith('list_nominations', { round_id: 41, fellow_id: null });
    expect(rows.map(cells)).toEqual([
      ['Line manager', 'Lee Manager', 'lee@nhs.net', 'Yes'],
      ['Peers', 'Pip Peer', 'pip@nhs.net', 'No'],
    ]);
    expect(within(screen.getByRole('table')).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Group',
      'Name',
      'Email',
      'Invitation sent',
    ]);
    expect(within(screen.getByTestId('minimums')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line manager: at least 1',
      'Peers: at least 3',
      'Direct reports: at least 3',
      'Others: at least 3',
      'Service users and citizen partners: at least 3',
    ]);
    expect(screen.getByText(/line manager's ratings are shown as theirs/)).toBeInTheDocument();
    // Only the promise that it is never shown; never a count, status or name of who responded.
    expect(document.body.textContent?.match(/respon\w*/gi)).toEqual(['respond', 'responded']);
    expect(screen.getByText(/You will not see who has responded/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Fellow')).toBeNull();
  });

  it('nominates for the fellow themselves, and keeps what was typed when it fails', async () => {
    const user = userEvent.setup();
    let tries = 0;
    core({
      nominate_rater: (input) => {
        tries += 1;
        if (tries === 1) {
          throw apiError('validation', "Enter the rater's email address, like name@nhs.net.", [
            { field: 'rater_email', message: "Enter the rater's email address, like name@nhs.net." },
          ]);
        }
        return [...nominations, { id: 63, fellow_id: 7, rater_group: 'direct_report', rater_name: input.rater_name, rater_email: input.rater_email, invited: false }];
      },
    });
    render(RatersPage, { id: 41 });
    await screen.findAllByTestId('nomination-row');
    // The fellow reads the form, so it speaks to them.
    expect(screen.getByLabelText('Rater group')).toHaveAccessibleDescription('How this person works with you.');
    await user.selectOptions(screen.getByLabelText('Rater group'), 'Direct reports');
    await user.type(screen.getByLabelText("Rater's name"), 'Dee Report');
    await user.type(screen.getByLabelText("Rater's email address"), 'dee@');
    await user.click(screen.getByTestId('nominate'));
    expect(call).toHaveBeenCalledWith('nominate_rater', {
      round_id: 41,
      fellow_id: null,
      rater_group: 'direct_report',
      rater_name: 'Dee Report',
      rater_email: 'dee@',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent("Enter the rater's email address");
    expect(document.getElementById('rater_email-error')).toHaveTextContent("Enter the rater's email address, like name@nhs.net.");
    expect(screen.getByLabelText('Rater group')).toHaveValue('direct_report');
    expect(screen.getByLabelText("Rater's name")).toHaveValue('Dee Report');
    expect(screen.getByLabelText("Rater's email address")).toHaveValue('dee@');

    await user.type(screen.getByLabelText("Rater's email address"), 'nhs.net');
    await user.click(screen.getByTestId('nominate'));
    expect(await screen.findByRole('status')).toHaveTextContent('Dee Report nominated (Direct reports).');
    expect(screen.getAllByTestId('nomination-row')).toHaveLength(3);
    expect(screen.getByLabelText("Rater's name")).toHaveValue('');
  });

  it('offers no nominating once the round has closed', async () => {
    core();
    render(RatersPage, { id: 42 });
    expect(await screen.findByTestId('round-dates')).toHaveTextContent('End of year round: closed; no more raters can be nominated.');
    expect(screen.queryByTestId('nominate')).toBeNull();
  });
});
