import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ConsentInput, EraseInput, FellowProfile as Profile } from '$lib/api';
import { today } from '$lib/format';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, fellowUser, profile, reference, status } from '../../test/fixtures';
import { erasedPrivacy, erasure, notAsked, privacy } from '../../test/privacyFixtures';
import FellowProfile from '../fellows/FellowProfile.svelte';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);
const withdrawn: Profile = { ...profile, fellow: { ...profile.fellow, status: 'withdrawn' } };

function core(handlers: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_fellow: () => withdrawn, get_privacy: () => privacy, ...handlers }));
}

async function renderProfile() {
  render(FellowProfile, { id: 7 });
  return screen.findByTestId('fellow-privacy');
}

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('personal data on a fellow’s profile', () => {
  it('shows the decision that stands and every one recorded', async () => {
    core();
    const section = await renderProfile();
    expect(within(section).getByRole('heading', { level: 2, name: 'Personal data' })).toBeInTheDocument();
    expect(await screen.findByTestId('consent-current')).toHaveTextContent('Current decision: Consents to follow-up');
    const rows = screen.getAllByTestId('consent-row').map((r) => Array.from(r.children).map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['1 Oct 2026', 'Consents to follow-up', 'Said yes at the induction day.', 'Ada Lovelace'],
      ['1 Sep 2026', 'Declined follow-up', '', 'Not recorded'],
    ]);
    expect(callsOf('get_privacy')).toEqual([{ fellow_id: 7 }]);
  });

  it('says "Not asked" before any decision', async () => {
    core({ get_privacy: () => notAsked });
    await renderProfile();
    expect(await screen.findByTestId('consent-current')).toHaveTextContent('Current decision: Not asked');
    expect(screen.queryByTestId('consent-history')).toBeNull();
  });

  it('records a decision and shows the new history', async () => {
    const user = userEvent.setup();
    core({ get_privacy: () => notAsked, record_consent: () => privacy });
    await renderProfile();
    // The form opens when asked for, with the focus on its first choice.
    await user.click(await screen.findByTestId('open-consent-form'));
    expect(screen.getByTestId('consent-given')).toHaveFocus();
    await user.click(screen.getByTestId('consent-given'));
    await user.type(screen.getByTestId('consent-note'), 'Said yes at the induction day.');
    await user.click(screen.getByTestId('record-consent'));
    expect(await screen.findByText('Decision about follow-up recorded.')).toBeInTheDocument();
    expect(callsOf('record_consent')).toEqual([
      { fellow_id: 7, decision: 'given', decided_on: today(), note: 'Said yes at the induction day.' } satisfies ConsentInput,
    ]);
    expect(screen.getByTestId('consent-current')).toHaveTextContent('Consents to follow-up');
    expect(screen.getAllByTestId('consent-row')).toHaveLength(2);
    // Saved, the form closes, and the focus is back on its button for another.
    expect(screen.queryByTestId('consent-form')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('open-consent-form')).toHaveFocus());
  });

  it('shows the core’s errors beside each field and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({
      record_consent: () =>
        Promise.reject(
          apiError('validation', 'There are 3 problems with what you entered.', [
            { field: 'decision', message: 'Choose the fellow’s decision about follow-up.' },
            { field: 'decided_on', message: 'The date of the decision cannot be in the future.' },
            { field: 'note', message: 'Keep the note under 2,000 characters.' },
          ]),
        ),
    });
    await renderProfile();
    await user.click(await screen.findByTestId('open-consent-form'));
    await user.click(screen.getByTestId('consent-declined'));
    const day = within(screen.getByTestId('consent-date')).getByLabelText('Day');
    await user.clear(day);
    await user.type(day, '31');
    await user.type(screen.getByTestId('consent-note'), 'Too long');
    await user.click(screen.getByTestId('record-consent'));

    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Choose the fellow’s decision about follow-up.' })).toHaveAttribute('href', '#decision');
    expect(within(summary).getByRole('link', { name: /cannot be in the future/ })).toHaveAttribute('href', '#consent-date');
    expect(within(summary).getByRole('link', { name: /under 2,000/ })).toHaveAttribute('href', '#consent-note');
    expect(document.getElementById('decision-error')).toHaveTextContent('Choose the fellow’s decision about follow-up.');
    expect(screen.getByRole('group', { name: /Decision about alumni follow-up/ }).getAttribute('aria-describedby')).toContain('decision-error');
    expect(document.getElementById('consent-date-error')).toHaveTextContent('The date of the decision cannot be in the future.');
    expect(document.getElementById('consent-note-error')).toHaveTextContent('Keep the note under 2,000 characters.');
    expect(screen.getByTestId('consent-note')).toHaveAttribute('aria-describedby', expect.stringContaining('consent-note-error'));

    expect(screen.getByTestId('consent-declined')).toBeChecked();
    expect(day).toHaveValue('31');
    expect(screen.getByTestId('consent-note')).toHaveValue('Too long');
    // The status form's note on the same page is not the one at fault; a failed save keeps the form open.
    expect(document.getElementById('note-error')).toBeNull();
    expect(screen.getByTestId('consent-form')).toBeInTheDocument();
  });

  it('downloads everything held, as data and as a page', async () => {
    const user = userEvent.setup();
    const json = { file_name: 'sam-fellow.json', mime: 'application/json', base64: 'e30=' };
    const html = { file_name: 'sam-fellow.html', mime: 'text/html', base64: 'PHA+' };
    core({ export_subject_access: () => json, export_subject_access_readable: () => html });
    saveDocument.mockImplementation((d: { file_name: string }) => Promise.resolve(`/home/ada/Downloads/${d.file_name}`));
    await renderProfile();
    expect(await screen.findByTestId('download-sar-json')).toHaveTextContent('Download everything held (JSON)');
    expect(screen.getByTestId('download-sar-html')).toHaveTextContent('Download everything held (readable page)');
    await user.click(screen.getByTestId('download-sar-json'));
    expect(await screen.findByTestId('download-sar-json-saved')).toHaveTextContent('Saved to /home/ada/Downloads/sam-fellow.json');
    await user.click(screen.getByTestId('download-sar-html'));
    expect(await screen.findByTestId('download-sar-html-saved')).toHaveTextContent('Saved to /home/ada/Downloads/sam-fellow.html');
    expect(callsOf('export_subject_access')).toEqual([{ fellow_id: 7 }]);
    expect(callsOf('export_subject_access_readable')).toEqual([{ fellow_id: 7 }]);
    expect(saveDocument.mock.calls).toEqual([[json], [html]]);
  });
});

describe('erasing a fellow’s personal data', () => {
  it('warns what goes and what stays', async () => {
    core();
    await renderProfile();
    await userEvent.click(await screen.findByTestId('open-erase-form'));
    const input = await screen.findByTestId('erase-confirm-name');
    expect(input).toBe(screen.getByLabelText("Type the fellow's full name to confirm"));
    const callout = document.querySelector('.nhsuk-warning-callout');
    expect(callout).toHaveTextContent('This cannot be undone');
    expect(callout).toHaveTextContent('name, contact and registration details, reflections, private notes, comments and free-text answers');
    expect(callout).toHaveTextContent('anonymous figures are kept');
    expect(screen.getByTestId('erase-fellow')).toHaveClass('nhsuk-button--warning');
  });

  it('shows the core’s refusal beside the name and keeps it', async () => {
    const user = userEvent.setup();
    core({
      erase_fellow: () =>
        Promise.reject(
          apiError('validation', 'Type the fellow’s full name, Sam Fellow, to confirm.', [
            { field: 'confirm_name', message: 'Type the fellow’s full name, Sam Fellow, to confirm.' },
          ]),
        ),
    });
    await renderProfile();
    await user.click(await screen.findByTestId('open-erase-form'));
    await user.type(await screen.findByTestId('erase-confirm-name'), 'Sam');
    await user.click(screen.getByTestId('erase-fellow'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Type the fellow’s full name, Sam Fellow, to confirm.');
    expect(document.getElementById('confirm_name-error')).toHaveTextContent('Type the fellow’s full name, Sam Fellow, to confirm.');
    expect(screen.getByTestId('erase-confirm-name')).toHaveAttribute('aria-describedby', 'confirm_name-error');
    expect(screen.getByTestId('erase-confirm-name')).toHaveValue('Sam');
    expect(screen.queryByTestId('erasure-done')).toBeNull();
  });

  it('shows a conflict (still in their year) beside the name too', async () => {
    const user = userEvent.setup();
    const message = 'This fellow is still in their fellowship year. Record them as withdrawn or completed first.';
    core({
      get_fellow: () => profile,
      erase_fellow: () => Promise.reject({ kind: 'conflict', message, field: 'confirm_name', fields: [] }),
    });
    await renderProfile();
    await user.click(await screen.findByTestId('open-erase-form'));
    await user.type(await screen.findByTestId('erase-confirm-name'), 'Sam Fellow');
    await user.click(screen.getByTestId('erase-fellow'));
    await waitFor(() => expect(document.getElementById('confirm_name-error')).toHaveTextContent(message));
  });

  it('erases, lists what was removed and shows the profile as erased', async () => {
    const user = userEvent.setup();
    let erased = false;
    core({
      get_fellow: () => (erased ? { ...withdrawn, fellow: { ...withdrawn.fellow, name: 'Erased fellow #7', email: '' } } : withdrawn),
      get_privacy: () => (erased ? erasedPrivacy : privacy),
      erase_fellow: () => {
        erased = true;
        return erasure;
      },
    });
    await renderProfile();
    await user.click(await screen.findByTestId('open-erase-form'));
    await user.type(await screen.findByTestId('erase-confirm-name'), 'Sam Fellow');
    await user.click(screen.getByTestId('erase-fellow'));

    const done = await screen.findByTestId('erasure-done');
    expect(done).toHaveTextContent('Personal data erased. The record is now Erased fellow #7.');
    expect(within(done).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Name, contact and registration details removed: 1 record',
      'Reflections deleted: 4 records',
    ]);
    expect(within(done).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(callsOf('erase_fellow')).toEqual([{ fellow_id: 7, confirm_name: 'Sam Fellow' } satisfies EraseInput]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Erased fellow #7' })).toBeInTheDocument();
    expect(await screen.findByTestId('erased-notice')).toHaveTextContent('Personal data erased on 2 Mar 2027.');
    expect(screen.queryByTestId('erase-fellow')).toBeNull();
    expect(screen.queryByTestId('open-erase-form')).toBeNull();
    expect(screen.queryByTestId('open-consent-form')).toBeNull();
    expect(screen.getByTestId('erasure-done')).toBeInTheDocument();
  });

  it('shows an erased fellow as erased, with no form or erase button', async () => {
    core({ get_privacy: () => erasedPrivacy });
    await renderProfile();
    expect(await screen.findByTestId('erased-notice')).toHaveTextContent('Personal data erased on 2 Mar 2027.');
    expect(screen.queryByTestId('open-consent-form')).toBeNull();
    expect(screen.queryByTestId('open-erase-form')).toBeNull();
    expect(screen.getByTestId('download-sar-json')).toBeInTheDocument();
  });
});

describe('who sees personal data', () => {
  it('shows a fellow their own, without erasure', async () => {
    session.status = status(fellowUser);
    core();
    await renderProfile();
    expect(await screen.findByTestId('open-consent-form')).toBeInTheDocument();
    expect(screen.getByTestId('download-sar-json')).toBeInTheDocument();
    expect(screen.queryByTestId('open-erase-form')).toBeNull();
    // Their own complete record, and a word on what is someone else's.
    expect(screen.getByRole('heading', { level: 3, name: 'Everything held about you' })).toBeInTheDocument();
    expect(screen.getByTestId('sar-own')).toHaveTextContent('your reflections included');
    expect(screen.queryByTestId('sar-faculty')).toBeNull();
  });

  it('tells faculty what a request answered by them leaves out', async () => {
    core();
    await renderProfile();
    expect(await screen.findByTestId('sar-faculty')).toHaveTextContent('reflections the fellow has not shared with you');
    expect(screen.queryByTestId('sar-own')).toBeNull();
  });

  it('shows no one else’s to a fellow', async () => {
    session.status = status(fellowUser);
    core({ get_fellow: () => ({ ...withdrawn, fellow: { ...withdrawn.fellow, id: 8, name: 'Alex Doctor' } }) });
    render(FellowProfile, { id: 8 });
    await screen.findByRole('heading', { level: 1, name: 'Alex Doctor' });
    expect(screen.queryByTestId('fellow-privacy')).toBeNull();
    expect(callsOf('get_privacy')).toEqual([]);
  });
});

describe('accessibility', () => {
  it('has no serious problems, with errors shown', async () => {
    const user = userEvent.setup();
    core({
      record_consent: () => Promise.reject(apiError('validation', 'Choose.', [{ field: 'decision', message: 'Choose.' }])),
      erase_fellow: () => Promise.reject(apiError('validation', 'Type it.', [{ field: 'confirm_name', message: 'Type it.' }])),
    });
    await renderProfile();
    expect(await seriousViolations()).toEqual([]);
    await user.click(await screen.findByTestId('open-consent-form'));
    await user.click(screen.getByTestId('record-consent'));
    await user.click(screen.getByTestId('open-erase-form'));
    await user.click(screen.getByTestId('erase-fellow'));
    await screen.findByText('Type it.', { selector: '.nhsuk-error-message' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('has no serious problems after an erasure', async () => {
    const user = userEvent.setup();
    core({ erase_fellow: () => erasure });
    await renderProfile();
    await user.click(await screen.findByTestId('open-erase-form'));
    await user.type(await screen.findByTestId('erase-confirm-name'), 'Sam Fellow');
    await user.click(screen.getByTestId('erase-fellow'));
    await screen.findByTestId('erasure-done');
    expect(await seriousViolations()).toEqual([]);
  });
});
