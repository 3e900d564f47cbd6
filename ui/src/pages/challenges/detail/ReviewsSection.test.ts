import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ChallengeDetail } from '$lib/api';
import { session } from '$lib/session.svelte';
import { detail, sponsorDetail } from '../../../test/challengeFixtures';
import { apiError, fakeCore } from '../../../test/fakeCore';
import { faculty, reference, sponsorUser, status } from '../../../test/fixtures';
import ReviewsSection from './ReviewsSection.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

/** Signs the draft (id 32) the way the core does: it becomes locked, with the name and statement. */
function signed(statement: string, name: string): ChallengeDetail {
  return {
    ...sponsorDetail,
    reviews: sponsorDetail.reviews.map((r) =>
      r.id === 32 ? { ...r, statement, signed_name: name, signed_at: '2027-03-01T10:00:00Z', locked: true } : r,
    ),
  };
}

function renderReviews(start: ChallengeDetail) {
  const view = render(ReviewsSection, { detail: start, onSaved: (d: ChallengeDetail) => view.rerender({ detail: d }) });
  return view;
}

beforeEach(() => {
  call.mockReset();
});

describe('ReviewsSection', () => {
  it('shows signed versions locked, with no edit controls, and drafts as awaiting signature', () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    renderReviews(detail);
    const draft = screen.getByTestId('review-unsigned');
    const locked = screen.getByTestId('review-signed');

    expect(draft).toHaveTextContent('Mid-year review');
    expect(draft).toHaveTextContent('Version 2');
    expect(within(draft).getByTestId('review-draft')).toHaveTextContent("Draft, awaiting the sponsor's signature");
    expect(within(draft).getByRole('button', { name: /Edit summary/ })).toBeInTheDocument();

    // The signed version is shown whole: what was signed, the signature and the statement.
    expect(locked).toHaveTextContent('Mid-year review');
    expect(locked).toHaveTextContent('Version 1');
    expect(locked).toHaveTextContent('Huddles started; delayed discharges falling.');
    expect(locked).toHaveTextContent('Signed by Pat Sponsor on 10 Feb 2027');
    expect(locked).toHaveTextContent('Good progress; the trust supports the next phase.');
    expect(locked).toHaveTextContent('Signed reviews are locked. Changes make a new version.');
    expect(within(locked).queryByTestId('review-draft')).toBeNull();
    expect(within(locked).queryByRole('button')).toBeNull();
    expect(within(locked).queryByRole('textbox')).toBeNull();

    // Faculty may prepare a review (the form opens when asked for) but not sign one.
    expect(screen.getByTestId('open-review-draft-form')).toBeInTheDocument();
    expect(screen.queryByTestId('save-review-draft')).toBeNull();
    expect(screen.queryByTestId('open-sign-review')).toBeNull();
    expect(screen.queryByTestId('sign-review')).toBeNull();
    expect(screen.queryByLabelText("Sponsor's statement")).toBeNull();
  });

  it('loads a draft into the review form when its summary is edited', async () => {
    const user = userEvent.setup();
    Object.assign(session, { status: status(faculty), reference, error: null });
    call.mockImplementation(fakeCore({ save_review_draft: () => detail }));
    renderReviews(detail);
    await user.click(screen.getByRole('button', { name: /Edit summary/ }));
    await waitFor(() => expect(document.getElementById('summary')).toHaveFocus());
    expect(document.getElementById('review_kind')).toHaveDisplayValue('Mid-year review');
    expect(document.getElementById('summary')).toHaveValue('Updated after the March data.');
    await user.click(screen.getByTestId('save-review-draft'));
    expect(call).toHaveBeenCalledWith('save_review_draft', {
      challenge_id: 11,
      kind: 'mid_year',
      summary: 'Updated after the March data.',
    });
  });

  it('maps the core’s "kind" error onto the review select', async () => {
    const user = userEvent.setup();
    Object.assign(session, { status: status(faculty), reference, error: null });
    call.mockImplementation(
      fakeCore({
        save_review_draft: () => {
          throw apiError('validation', 'Choose the mid-year or end-of-year review.', [
            { field: 'kind', message: 'Choose the mid-year or end-of-year review.' },
          ]);
        },
      }),
    );
    renderReviews(detail);
    await user.click(screen.getByTestId('open-review-draft-form'));
    await user.type(document.getElementById('summary')!, 'A summary');
    await user.click(screen.getByTestId('save-review-draft'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the mid-year or end-of-year review.');
    expect(document.getElementById('review_kind-error')).toHaveTextContent('Choose the mid-year or end-of-year review.');
    expect(screen.getByRole('link', { name: 'Choose the mid-year or end-of-year review.' })).toHaveAttribute('href', '#review_kind');
    expect(document.getElementById('summary')).toHaveValue('A summary');
  });

  it('lets the sponsor sign the unsigned version, after which it is locked', async () => {
    const user = userEvent.setup();
    Object.assign(session, { status: status(sponsorUser), reference, error: null });
    call.mockImplementation(fakeCore({ sign_review: (i) => signed(i.statement, i.signed_name) }));
    renderReviews(sponsorDetail);

    // The sponsor cannot prepare reviews, nor edit drafts.
    expect(screen.queryByTestId('save-review-draft')).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit summary/ })).toBeNull();

    await user.click(screen.getByTestId('open-sign-review'));
    const form = screen.getByTestId('sign-review-form');
    expect(form).toHaveTextContent('You are signing the Mid-year review, version 2.');
    await user.type(screen.getByLabelText("Sponsor's statement"), 'Agreed.');
    // The sponsor signs as their account, confirming it by typing its name.
    expect(screen.getByLabelText('Type your name, Pat Sponsor, to sign')).toHaveAccessibleDescription(/You sign as Pat Sponsor/);
    await user.type(screen.getByLabelText('Type your name, Pat Sponsor, to sign'), 'Pat Sponsor');
    await user.click(screen.getByTestId('sign-review'));

    expect(call).toHaveBeenCalledWith('sign_review', {
      challenge_id: 11,
      review_id: 32,
      statement: 'Agreed.',
      signed_name: 'Pat Sponsor',
    });
    expect((await screen.findByText('Review signed.')).closest('[role="status"]')).not.toBeNull();
    expect(screen.getAllByTestId('review-signed')).toHaveLength(2);
    expect(screen.queryByTestId('review-draft')).toBeNull();
    // Nothing left to sign.
    expect(screen.queryByTestId('sign-review')).toBeNull();
    expect(screen.queryByTestId('open-sign-review')).toBeNull();
  });

  it('shows no sign form without the right to sign, even with an unsigned version', () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    renderReviews({ ...detail, rights: { edit: false, comment: true, sign: false } });
    expect(screen.getByTestId('review-draft')).toBeInTheDocument();
    expect(screen.queryByTestId('open-sign-review')).toBeNull();
    expect(screen.queryByTestId('open-review-draft-form')).toBeNull();
  });
});
