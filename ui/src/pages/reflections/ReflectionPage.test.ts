import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Reflection } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, fellowUser, reference, status } from '../../test/fixtures';
import { draftReflection, notice, readerReflection, reflection, reflectionOptions } from '../../test/reflectionFixtures';
import ReflectionPage from './ReflectionPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(entry: Reflection, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_reflection: () => entry, reflection_options: () => reflectionOptions, ...extra }));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('ReflectionPage', () => {
  it('shows its author the entry, the notice, a link to edit and the share form', async () => {
    core(reflection);
    render(ReflectionPage, { id: 21 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Board round with a new registrar' })).toBeInTheDocument();
    expect(document.title).toBe('Board round with a new registrar – Fellowship');
    expect(screen.getByTestId('reflection-caption')).toHaveTextContent('Sam Fellow, 3 Nov 2026, What? So what? Now what?');
    expect(screen.getByTestId('reflection-notice')).toHaveTextContent(notice);

    expect(screen.getByRole('heading', { level: 2, name: 'What?' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'So what?' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: 'Now what?' })).toBeNull();
    const [what] = screen.getAllByTestId('reflection-section');
    expect(what).toHaveClass('app-prewrap');
    expect(what.textContent).toBe('The board round overran.\nThe registrar was new.');

    const dimensions = within(screen.getByTestId('reflection-dimensions')).getAllByRole('listitem');
    expect(dimensions.map((d) => d.textContent)).toEqual(['Leading with care', 'Engaging the team']);
    expect(within(screen.getByTestId('reflection-challenge')).getByRole('link')).toHaveAttribute('href', '#/challenges/11');
    expect(screen.getByTestId('edit-reflection')).toHaveAttribute('href', '#/reflections/21/edit');

    const sharing = document.getElementById('sharing')!;
    expect(within(sharing).getByRole('heading', { level: 2, name: 'Sharing' })).toBeInTheDocument();
    expect(sharing).toHaveTextContent('Only you can see this entry unless you share it.');
    const [row] = within(sharing).getAllByTestId('share-row');
    expect(row).toHaveTextContent('Mo Mentor');
    expect(row).toHaveTextContent('Mentor or coach');
    expect(row).toHaveTextContent('since 5 Nov 2026');
    expect(within(row).getByRole('button', { name: 'Withdraw the share with Mo Mentor' })).toBeInTheDocument();
    // Only those it is not shared with yet can be chosen.
    const select = within(sharing).getByLabelText('Share with');
    expect(select).toHaveAttribute('id', 'user_id');
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.text)).toEqual([
      'Choose…',
      'Ada Lovelace (Programme faculty)',
    ]);
    expect(screen.getByTestId('share-reflection')).toHaveTextContent('Share');
    expect(screen.queryByTestId('shared-note')).toBeNull();
  });

  it('shares the entry with the person chosen, and confirms it', async () => {
    const user = userEvent.setup();
    const shared: Reflection = {
      ...reflection,
      shares: [...reflection.shares, { user_id: 1, name: 'Ada Lovelace', role: 'faculty', shared_at: '2026-11-21T10:00:00Z' }],
    };
    core(reflection, { share_reflection: () => shared });
    render(ReflectionPage, { id: 21 });
    await user.selectOptions(await screen.findByLabelText('Share with'), 'Ada Lovelace (Programme faculty)');
    await user.click(screen.getByTestId('share-reflection'));
    expect(await screen.findByRole('status')).toHaveTextContent('Shared with Ada Lovelace.');
    expect(call).toHaveBeenCalledWith('share_reflection', { reflection_id: 21, user_id: 1 });
    expect(screen.getAllByTestId('share-row')).toHaveLength(2);
    expect(screen.queryByTestId('share-reflection')).toBeNull();
    expect(screen.getByText('It is shared with everyone you can share it with.')).toBeInTheDocument();
  });

  it('asks who to share with when no one is chosen', async () => {
    const user = userEvent.setup();
    core(reflection);
    render(ReflectionPage, { id: 21 });
    await user.click(await screen.findByTestId('share-reflection'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose who to share this entry with.');
    expect(document.getElementById('user_id-error')).toHaveTextContent('Choose who to share this entry with.');
    expect(call).not.toHaveBeenCalledWith('share_reflection', expect.anything());
  });

  it('withdraws a share with the entry’s and the person’s ids', async () => {
    const user = userEvent.setup();
    core(reflection, { withdraw_reflection_share: () => ({ ...reflection, shares: [] }) });
    render(ReflectionPage, { id: 21 });
    await user.click(await screen.findByRole('button', { name: 'Withdraw the share with Mo Mentor' }));
    expect(call).toHaveBeenCalledWith('withdraw_reflection_share', { reflection_id: 21, user_id: 4 });
    expect(await screen.findByRole('status')).toHaveTextContent('The share with Mo Mentor is withdrawn.');
    expect(screen.queryByTestId('share-row')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Sharing' })).toHaveFocus();
    // Mo can be chosen again.
    expect(screen.getByRole('option', { name: 'Mo Mentor (Mentor or coach)' })).toBeInTheDocument();
  });

  it('asks for a draft to be finished before it is shared', async () => {
    core(draftReflection);
    render(ReflectionPage, { id: 22 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Untitled draft' })).toBeInTheDocument();
    expect(screen.getByTestId('reflection-caption')).toHaveTextContent("Sam Fellow, No date yet, Gibbs' reflective cycle Draft");
    expect(screen.getByTestId('share-draft-note')).toHaveTextContent('Finish the entry before you share it.');
    expect(screen.queryByTestId('share-reflection')).toBeNull();
    expect(screen.queryByTestId('reflection-dimensions')).toBeNull();
  });

  it('shows someone it is shared with only the entry, with a note to keep it confidential', async () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    // A reader's options carry the headings and dimensions, but nobody to share with.
    core(readerReflection, { reflection_options: () => ({ ...reflectionOptions, share_candidates: [], challenges: [] }) });
    render(ReflectionPage, { id: 21 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Board round with a new registrar' })).toBeInTheDocument();
    expect(screen.getByTestId('shared-note')).toHaveClass('nhsuk-inset-text');
    expect(screen.getByTestId('shared-note')).toHaveTextContent('Shared with you by Sam Fellow. Please keep it confidential.');
    expect(screen.getByTestId('reflection-caption')).toHaveTextContent('Sam Fellow, 3 Nov 2026, What? So what? Now what?');
    expect(screen.getByRole('heading', { level: 2, name: 'So what?' })).toBeInTheDocument();
    for (const id of ['edit-reflection', 'share-reflection', 'withdraw-share', 'reflection-notice', 'reflection-challenge']) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
    expect(document.getElementById('sharing')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    // The headings come from the core, not from a copy kept in the UI.
    expect(call).toHaveBeenCalledWith('reflection_options', null);
    expect(screen.getByRole('link', { name: 'Back to shared reflections' })).toHaveAttribute('href', '#/shared');
  });

  it('says an entry that is gone, or no longer shared, does not exist', async () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    call.mockImplementation(
      fakeCore({
        get_reflection: () => {
          throw apiError('not_found', 'That record does not exist or you do not have access to it.');
        },
      }),
    );
    render(ReflectionPage, { id: 21 });
    expect(await screen.findByRole('alert')).toHaveTextContent('This reflection does not exist or is no longer shared with you.');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Reflection not found'));
    expect(screen.getAllByRole('link', { name: 'Back to shared reflections' })[1]).toHaveAttribute('href', '#/shared');
  });
});
