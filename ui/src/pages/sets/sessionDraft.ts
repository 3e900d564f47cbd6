// The session record form's state, and its conversion from what the core sends and to what
// it takes. Select values are strings and minutes stay as typed, so the core judges them.
import type { RecordSetSessionInput, SetSessionRecord } from '$lib/api';

export type ActionDraft = { key: number; id: number | null; body: string };

export type BidDraft = {
  key: number;
  fellow_id: string;
  bid_minutes: string;
  presented: boolean;
  airtime_seconds: number | null;
  issue: string;
  feedback: string;
  actions: ActionDraft[];
};

export type ReviewDraft = { action_id: number; review: string; note: string };

export type SessionDraft = {
  /** Mark by fellow id; "" when not chosen. */
  attendance: Record<number, string>;
  check_in: string;
  bids: BidDraft[];
  reviews: ReviewDraft[];
  notes: string;
};

// Keys for each-blocks, so a bid's fields and timer stay with it when another is removed.
let lastKey = 0;
const nextKey = () => ++lastKey;

export function blankAction(): ActionDraft {
  return { key: nextKey(), id: null, body: '' };
}

export function blankBid(): BidDraft {
  return { key: nextKey(), fellow_id: '', bid_minutes: '', presented: false, airtime_seconds: null, issue: '', feedback: '', actions: [] };
}

/** The form for a session: as recorded, or everyone present for a session not yet recorded. */
export function draftFrom(record: SetSessionRecord): SessionDraft {
  const marks = new Map(record.attendance.map((a) => [a.fellow_id, a.mark as string]));
  return {
    attendance: Object.fromEntries(record.members.map((m) => [m.fellow_id, record.recorded ? (marks.get(m.fellow_id) ?? '') : 'present'])),
    check_in: record.check_in,
    bids: record.presenters.map((p) => ({
      key: nextKey(),
      fellow_id: String(p.fellow_id),
      bid_minutes: String(p.bid_minutes),
      presented: p.presented,
      airtime_seconds: p.airtime_seconds,
      issue: p.issue,
      feedback: p.feedback,
      actions: p.actions.map((a) => ({ key: nextKey(), id: a.id, body: a.body })),
    })),
    reviews: record.to_review.map((r) => ({ action_id: r.action_id, review: r.review ?? '', note: r.review_note })),
    notes: record.notes,
  };
}

/** What the core takes: every member's mark, every bid in order, and every review. */
export function inputFrom(record: SetSessionRecord, draft: SessionDraft): RecordSetSessionInput {
  return {
    session_id: record.id,
    attendance: record.members.map((m) => ({ fellow_id: m.fellow_id, mark: draft.attendance[m.fellow_id] ?? '' })),
    check_in: draft.check_in,
    presenters: draft.bids.map((b) => ({
      fellow_id: b.fellow_id === '' ? null : Number(b.fellow_id),
      bid_minutes: b.bid_minutes,
      presented: b.presented,
      airtime_seconds: b.airtime_seconds,
      issue: b.issue,
      feedback: b.feedback,
      actions: b.actions.map((a) => ({ id: a.id, body: a.body })),
    })),
    reviews: draft.reviews.map((r) => ({ action_id: r.action_id, review: r.review, note: r.note })),
    notes: draft.notes,
  };
}
