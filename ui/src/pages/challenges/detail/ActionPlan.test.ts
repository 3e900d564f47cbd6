import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ActionInput, ChallengeDetail, ReorderActionsInput } from '$lib/api';
import { session } from '$lib/session.svelte';
import { detail, sponsorDetail } from '../../../test/challengeFixtures';
import { apiError, fakeCore } from '../../../test/fakeCore';
import { faculty, reference, status } from '../../../test/fixtures';
import ActionPlan from './ActionPlan.svelte';

/** The text of a table row's first cell. */
const firstCell = (row: HTMLElement) => (row as HTMLTableRowElement).cells[0].textContent;

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

/** A core that keeps the detail and applies reorders to it, as the real one would. */
function core() {
  let current: ChallengeDetail = structuredClone(detail);
  call.mockImplementation(
    fakeCore({
      reorder_actions: ({ order }: ReorderActionsInput) => {
        current = { ...current, actions: order.map((id) => current.actions.find((a) => a.id === id)!) };
        return current;
      },
      save_action: (input: ActionInput) => {
        if (input.resource === 'lots') {
          throw apiError('validation', 'Enter an amount in pounds, like 1,250 or 1250.50, or leave it empty.', [
            { field: 'resource', message: 'Enter an amount in pounds, like 1,250 or 1250.50, or leave it empty.' },
          ]);
        }
        return current;
      },
    }),
  );
}

/** Renders the plan and feeds each saved detail back in, as the challenge page does. */
function renderPlan(start: ChallengeDetail = detail) {
  const view = render(ActionPlan, { detail: start, onSaved: (d: ChallengeDetail) => view.rerender({ detail: d }) });
  return view;
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('ActionPlan', () => {
  it('lists the actions in order, marking overdue rows, with money in pounds and the latest note', () => {
    core();
    renderPlan();
    const rows = screen.getAllByTestId('action-row');
    expect(rows.map((r) => firstCell(r))).toEqual([
      'Start daily discharge huddles',
      'Agree a trusted assessor with social care',
      'Audit weekend discharges',
    ]);
    const [done, late, undated] = rows;
    expect(late).toHaveClass('app-actions__row--overdue');
    expect(within(late).getByTestId('overdue-tag')).toHaveTextContent('Overdue');
    expect(within(late).getByTestId('overdue-tag')).toHaveClass('nhsuk-tag--red');
    expect(late).toHaveTextContent('1 Nov 2026');
    expect(late).toHaveTextContent('£1,250.50');
    expect(late).toHaveTextContent('Draft agreement with the council.');
    expect(late).toHaveTextContent('latest of 2 notes');
    expect(done).not.toHaveClass('app-actions__row--overdue');
    expect(within(done).queryByTestId('overdue-tag')).toBeNull();
    expect(done).toHaveTextContent('Done');
    expect(undated).toHaveTextContent('No date');
    expect(undated).toHaveTextContent('£300');
    expect(undated).toHaveTextContent('No notes');
    expect(screen.getByText('1 action is overdue.')).toBeInTheDocument();
  });

  it('moves an action up by sending the whole new order, and keeps focus on it', async () => {
    const user = userEvent.setup();
    core();
    renderPlan();
    // No "Move up" for the first action, nor "Move down" for the last.
    expect(screen.queryByRole('button', { name: 'Move up: Start daily discharge huddles' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Move down: Audit weekend discharges' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Move up: Audit weekend discharges' }));
    expect(call).toHaveBeenCalledWith('reorder_actions', { challenge_id: 11, order: [101, 103, 102] });
    await waitFor(() =>
      expect(screen.getAllByTestId('action-row').map((r) => firstCell(r))).toEqual([
        'Start daily discharge huddles',
        'Audit weekend discharges',
        'Agree a trusted assessor with social care',
      ]),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Move up: Audit weekend discharges' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Move down: Start daily discharge huddles' }));
    expect(call).toHaveBeenLastCalledWith('reorder_actions', { challenge_id: 11, order: [103, 101, 102] });
  });

  it('shows a reorder the core refuses in an error summary', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        reorder_actions: () => {
          throw apiError('conflict', 'The action plan changed while you were reordering it; please reload and try again.', [
            { field: 'order', message: 'The action plan changed while you were reordering it; please reload and try again.' },
          ]);
        },
      }),
    );
    renderPlan();
    await user.click(screen.getByRole('button', { name: 'Move down: Start daily discharge huddles' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The action plan changed while you were reordering it');
    expect(within(summary).getByRole('link')).toHaveAttribute('href', '#action-plan-table');
    expect(document.getElementById('action-plan-table')?.tagName).toBe('TABLE');
  });

  it('loads a row into the form to edit it, keeping what was typed when the save fails', async () => {
    const user = userEvent.setup();
    core();
    renderPlan();
    // The form opens only when asked for.
    expect(screen.queryByLabelText('Action')).toBeNull();
    await user.click(screen.getByTestId('open-action-form'));
    expect(screen.getByRole('heading', { name: 'Add an action' })).toBeInTheDocument();
    expect(screen.getByLabelText('Progress')).toHaveDisplayValue('Not started');

    await user.click(screen.getByRole('button', { name: 'Edit: Agree a trusted assessor with social care' }));
    expect(screen.getByRole('heading', { name: 'Edit action' })).toBeInTheDocument();
    expect(screen.getByLabelText('Action')).toHaveValue('Agree a trusted assessor with social care');
    await waitFor(() => expect(screen.getByLabelText('Action')).toHaveFocus());
    expect(screen.getByLabelText('Lead')).toHaveValue('Sam Fellow');
    expect(document.getElementById('due_date-day')).toHaveValue('1');
    expect(document.getElementById('due_date-month')).toHaveValue('11');
    expect(screen.getByLabelText('Progress')).toHaveDisplayValue('In progress');
    expect(screen.getByLabelText('Resource in pounds (optional)')).toHaveValue('1250.50');

    await user.clear(screen.getByLabelText('Resource in pounds (optional)'));
    await user.type(screen.getByLabelText('Resource in pounds (optional)'), 'lots');
    await user.click(screen.getByTestId('save-action'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter an amount in pounds');
    expect(document.getElementById('resource-error')).toHaveTextContent('Enter an amount in pounds');
    expect(screen.getByLabelText('Resource in pounds (optional)')).toHaveValue('lots');
    expect(screen.getByLabelText('Action')).toHaveValue('Agree a trusted assessor with social care');
    expect(call).toHaveBeenCalledWith('save_action', {
      id: 102,
      challenge_id: 11,
      action: 'Agree a trusted assessor with social care',
      lead: 'Sam Fellow',
      due_date: '2026-11-01',
      status: 'in_progress',
      resource: 'lots',
    });
  });

  it('adds an action with an empty optional date and resource', async () => {
    const user = userEvent.setup();
    core();
    renderPlan();
    await user.click(screen.getByTestId('open-action-form'));
    await waitFor(() => expect(screen.getByLabelText('Action')).toHaveFocus());
    await user.type(screen.getByLabelText('Action'), 'Share the data with the board');
    await user.click(screen.getByTestId('save-action'));
    expect(call).toHaveBeenCalledWith('save_action', {
      id: null,
      challenge_id: 11,
      action: 'Share the data with the board',
      lead: '',
      due_date: '',
      status: 'not_started',
      resource: '',
    });
    expect((await screen.findByText('Action added.')).closest('[role="status"]')).not.toBeNull();
    // Saved, the form closes and the focus is back on the button, ready for the next action.
    expect(screen.queryByLabelText('Action')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('open-action-form')).toHaveFocus());
    await user.click(screen.getByTestId('open-action-form'));
    expect(screen.getByLabelText('Action')).toHaveValue('');
  });

  it('shows no buttons or forms to someone who may not edit', () => {
    core();
    renderPlan(sponsorDetail);
    expect(screen.getAllByTestId('action-row')).toHaveLength(3);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByTestId('open-action-form')).toBeNull();
    expect(screen.queryByTestId('open-action-note-form')).toBeNull();
  });
});
