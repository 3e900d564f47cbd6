import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ChallengeInput } from '$lib/api';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { detail, sponsorDetail } from '../../test/challengeFixtures';
import { apiError, fakeCore } from '../../test/fakeCore';
import { completedFellow, faculty, fellowPicks, fellows, fellowUser, reference, status } from '../../test/fixtures';
import ChallengeForm from './ChallengeForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const sent = () => call.mock.calls.filter(([c]) => c === 'save_challenge').map(([, a]) => a as ChallengeInput);

beforeEach(() => {
  call.mockReset();
  window.location.hash = '#/challenges/new';
});

describe('ChallengeForm', () => {
  it('keeps every value and shows each error beside its field when the save fails', async () => {
    const user = userEvent.setup();
    Object.assign(session, { status: status(faculty), reference, error: null });
    call.mockImplementation(
      fakeCore({
        pick_fellows: fellowPicks([...fellows, completedFellow]),
        save_challenge: () => {
          throw apiError('validation', 'There are 2 problems with what you entered.', [
            { field: 'title', message: 'Enter a title for the challenge.' },
            { field: 'proposal.evidence_base', message: 'Keep the evidence base to about half a page.' },
          ]);
        },
      }),
    );
    render(ChallengeForm);

    expect(screen.getByRole('heading', { level: 1, name: 'Draft a challenge' })).toBeInTheDocument();
    const fellow = await screen.findByLabelText('Fellow');
    // Namesakes are told apart by cohort and host; one who has completed is offered only when asked for.
    const offered = () => within(fellow).getAllByRole('option').map((o) => o.textContent);
    await waitFor(() =>
      expect(offered()).toEqual(['Choose…', 'Alex Doctor — 2026/27, no host organisation', 'Sam Fellow — 2026/27, Leeds Teaching Hospitals']),
    );
    await user.click(screen.getByLabelText('Include completed and withdrawn fellows'));
    await waitFor(() => expect(offered()).toContain('Sam Fellow — 2025/26, Barts Health (completed)'));
    await user.selectOptions(fellow, 'Sam Fellow — 2026/27, Leeds Teaching Hospitals');
    await user.type(screen.getByLabelText('The problem'), 'Patients wait days for discharge.');
    await user.click(screen.getByLabelText('Wicked'));
    await user.click(screen.getByLabelText('Quality of care'));
    await user.click(screen.getByLabelText('Cost'));
    await user.type(screen.getByLabelText('Evidence base, national and international'), 'Discharge to assess.');
    await user.click(screen.getByTestId('save-challenge'));

    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a title for the challenge.');
    expect(document.getElementById('title-error')).toHaveTextContent('Enter a title for the challenge.');
    expect(screen.getByLabelText('Title')).toHaveClass('nhsuk-input--error');
    expect(screen.getByLabelText('Title').getAttribute('aria-describedby')).toContain('title-error');
    // A proposal section's error is beside its own box, and the summary links to it.
    expect(document.getElementById('proposal-evidence_base-error')).toHaveTextContent('Keep the evidence base to about half a page.');
    expect(screen.getByRole('link', { name: 'Keep the evidence base to about half a page.' })).toHaveAttribute(
      'href',
      '#proposal-evidence_base',
    );

    // Nothing typed or chosen is lost.
    expect(screen.getByLabelText('Fellow')).toHaveDisplayValue('Sam Fellow — 2026/27, Leeds Teaching Hospitals');
    expect(screen.getByLabelText('The problem')).toHaveValue('Patients wait days for discharge.');
    expect(screen.getByLabelText('Wicked')).toBeChecked();
    expect(screen.getByLabelText('Quality of care')).toBeChecked();
    expect(screen.getByLabelText('Population health')).not.toBeChecked();
    expect(screen.getByLabelText('Cost')).toBeChecked();
    expect(screen.getByLabelText('Evidence base, national and international')).toHaveValue('Discharge to assess.');

    expect(sent()[0]).toEqual(
      expect.objectContaining({
        id: null,
        fellow_id: 7,
        title: '',
        nature: 'wicked',
        aim_quality: true,
        aim_population_health: false,
        aim_cost: true,
        proposal: expect.objectContaining({ evidence_base: 'Discharge to assess.', service_strategy: '' }),
      }),
    );
  });

  it('shows the nature error beside the radios, which are in a fieldset with a legend', async () => {
    const user = userEvent.setup();
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    call.mockImplementation(
      fakeCore({
        save_challenge: () => {
          throw apiError('validation', 'Choose wicked, tame, or not yet decided.', [
            { field: 'nature', message: 'Choose wicked, tame, or not yet decided.' },
          ]);
        },
      }),
    );
    render(ChallengeForm);
    const group = await screen.findByRole('group', { name: /Wicked or tame problem/ });
    expect(document.getElementById('nature-undecided')).toBeChecked();
    expect(document.getElementById('nature-wicked')).not.toBeChecked();
    expect(document.getElementById('nature-tame')).toBeInTheDocument();
    // A fellow drafts their own challenge: no fellow to choose.
    expect(screen.queryByLabelText('Fellow')).toBeNull();
    await user.type(screen.getByLabelText('Title'), 'Faster letters');
    await user.click(screen.getByTestId('save-challenge'));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(document.getElementById('nature-error')).toHaveTextContent('Choose wicked, tame, or not yet decided.');
    expect(group.getAttribute('aria-describedby')).toContain('nature-error');
    expect(sent()[0]).toEqual(expect.objectContaining({ fellow_id: 7, title: 'Faster letters', nature: '' }));
  });

  it('edits a challenge: loads it, saves it, and goes to its page', async () => {
    const user = userEvent.setup();
    Object.assign(session, { status: status(faculty), reference, error: null });
    call.mockImplementation(fakeCore({ get_challenge: () => detail, save_challenge: () => detail }));
    render(ChallengeForm, { id: 11 });
    expect(await screen.findByLabelText('Title')).toHaveValue('Reduce delayed discharges on the frailty ward');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Edit challenge');
    expect(document.title).toBe('Edit challenge – Fellowship');
    expect(screen.getByLabelText('Wicked')).toBeChecked();
    expect(screen.getByLabelText('Population health')).not.toBeChecked();
    expect(screen.getByLabelText('Service strategy it serves')).toHaveValue('Home first.');
    expect(screen.queryByLabelText('Fellow')).toBeNull();
    await user.click(screen.getByTestId('save-challenge'));
    expect(sent()[0]).toEqual(expect.objectContaining({ id: 11, fellow_id: 7, aim_quality: true }));
    await waitFor(() => expect(router.location.path).toBe('/challenges/11'));
  });

  it('says so when the user may not edit the challenge', async () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    call.mockImplementation(fakeCore({ get_challenge: () => sponsorDetail }));
    render(ChallengeForm, { id: 11 });
    expect(await screen.findByRole('alert')).toHaveTextContent('Only the fellow and programme faculty can change this challenge.');
    expect(screen.queryByTestId('save-challenge')).toBeNull();
  });
});
