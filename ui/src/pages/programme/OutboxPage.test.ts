import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Actor, Outbox, OutboxMessage } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { cellTexts } from '../../test/cells';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, fellowUser, reference, status } from '../../test/fixtures';
import { outbox, outboxMessages } from '../../test/mailFixtures';
import App from '../../App.svelte';
import OutboxPage from './OutboxPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

/** A stand-in outbox: a retried message is queued again, as the core does. */
function core(start: Outbox = outbox, handlers: Handlers = {}) {
  let box = structuredClone(start);
  const answer = (state: string) => ({ ...box, messages: box.messages.filter((m) => !state || m.state === state) });
  call.mockImplementation(
    fakeCore({
      list_outbox: ({ state }) => answer(state),
      retry_outbox_message: ({ id }) => {
        box = {
          ...box,
          queued: box.queued + 1,
          failed: box.failed - 1,
          messages: box.messages.map((m) => (m.id === id ? { ...m, state: 'queued', attempts: 0, last_error: null } : m)),
        };
        return answer('');
      },
      ...handlers,
    }),
  );
}

/** The counts as "Queued: 1" lines. */
const countLines = () =>
  Array.from(screen.getByTestId('outbox-counts').querySelectorAll('.nhsuk-summary-list__row')).map(
    (row) => `${row.querySelector('dt')?.textContent}: ${row.querySelector('dd')?.textContent}`,
  );
const rowFor = (to: string) => screen.getAllByTestId('outbox-row').find((r) => within(r).queryByText(to))!;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
  // The page reads its filter and page from the address: start each test without them.
  navigate('/programme/outbox', { replace: true });
});

/** `n` sent messages, newest first, to person1@nhs.net … personN@nhs.net (the newest is the last person). */
function manySent(n: number): OutboxMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    ...outboxMessages[3],
    id: n - i,
    to: `person${n - i}@nhs.net`,
  }));
}

describe('the outbox', () => {
  it('counts the messages by state and lists them, newest first', async () => {
    core();
    render(OutboxPage);
    expect(await screen.findByRole('heading', { level: 1, name: 'Outbox' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Back to programme' })).toHaveAttribute('href', '#/programme');
    await screen.findByTestId('outbox-counts');
    expect(countLines()).toEqual(['Queued: 1', 'Held for weekly digests: 1', 'Sent: 1', 'Failed: 1']);
    expect(screen.queryByTestId('email-off')).toBeNull();

    // Six columns, so the table fits the page: the times share one, the tries go under the state.
    const table = screen.getByTestId('outbox-table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'To',
      'Subject',
      'Kind',
      'State',
      'When',
      'Actions',
    ]);
    // It scrolls in its own named region, should a long address make it wider than the page.
    expect(screen.getByRole('region', { name: 'Messages' })).toContainElement(table);
    expect(screen.getByTestId('outbox-showing')).toHaveTextContent('4 messages');

    const rows = screen.getAllByTestId('outbox-row');
    expect(rows).toHaveLength(4);
    expect(cellTexts(rows[0])).toEqual([
      'lee@nhs.net',
      'Choose a new password',
      'Password reset link',
      'Failed 8 tries The server said: 550 5.1.1 Mailbox unavailable',
      '27 Nov 2026, 10:00:00',
      'Try again to send “Choose a new password” to lee@nhs.net',
    ]);
    expect(cellTexts(rows[1])).toEqual([
      'lee.manager@nhs.net',
      'Reminder: 360° feedback for Sam Fellow',
      'Reminder to give 360° feedback',
      'Queued 2 tries The server said: 421 Service not available, try again later',
      '26 Nov 2026, 09:00:00 Next try 27 Nov 2026, 10:30:00',
    ]);
    expect(cellTexts(rows[2])).toEqual([
      'mo@nhs.net',
      'Sam Fellow shared a reflection with you',
      'Reflection shared with you',
      'Held for a digest',
      '26 Nov 2026, 09:00:00',
    ]);
    // A sent message has nothing to do: no Actions cell at all, so a phone shows no empty line.
    expect(cellTexts(rows[3])).toEqual([
      'pip@nhs.net',
      '360° feedback for Sam Fellow',
      'Invitation to give 360° feedback',
      'Sent',
      '26 Nov 2026, 09:00:00 Sent 26 Nov 2026, 09:00:05',
    ]);
    expect(within(rows[3]).queryByText('Actions')).toBeNull();
    expect(within(rows[0]).getByText('Actions')).toHaveAttribute('aria-hidden', 'true');
    expect(callsOf('list_outbox')).toEqual([{ state: '' }]);
  });

  it('tags each state in words and colour, and gives the reason only while one matters', async () => {
    core();
    render(OutboxPage);
    await screen.findAllByTestId('outbox-row');
    const tag = (to: string) => within(rowFor(to)).getByTestId('outbox-state');
    expect(tag('lee@nhs.net')).toHaveTextContent('Failed');
    expect(tag('lee@nhs.net')).toHaveClass('nhsuk-tag', 'nhsuk-tag--red');
    expect(tag('lee.manager@nhs.net')).toHaveTextContent('Queued');
    expect(tag('lee.manager@nhs.net')).toHaveClass('nhsuk-tag--blue');
    expect(tag('mo@nhs.net')).toHaveTextContent('Held for a digest');
    expect(tag('mo@nhs.net')).toHaveClass('nhsuk-tag--grey');
    expect(tag('pip@nhs.net')).toHaveTextContent('Sent');
    expect(tag('pip@nhs.net')).toHaveClass('nhsuk-tag--green');

    // A queued message that failed a try says why, how many tries, and when it is tried next.
    const queued = rowFor('lee.manager@nhs.net');
    expect(within(queued).getByTestId('outbox-reason')).toHaveTextContent('The server said: 421 Service not available, try again later');
    expect(within(queued).getByTestId('outbox-tries')).toHaveTextContent('2 tries');
    expect(within(queued).getByTestId('outbox-next-try')).toHaveTextContent('Next try 27 Nov 2026, 10:30:00');
    expect(within(queued).getByTestId('outbox-next-try').querySelector('time')).toHaveAttribute('datetime', '2026-11-27T10:30:00Z');
    expect(within(rowFor('lee@nhs.net')).getByTestId('outbox-tries')).toHaveTextContent('8 tries');
    // Tries matter only while a message waits or has failed.
    expect(within(rowFor('pip@nhs.net')).queryByTestId('outbox-tries')).toBeNull();
    expect(within(rowFor('mo@nhs.net')).queryByTestId('outbox-tries')).toBeNull();
    expect(within(rowFor('pip@nhs.net')).queryByTestId('outbox-reason')).toBeNull();
    expect(within(rowFor('pip@nhs.net')).getByTestId('outbox-sent-at')).toHaveTextContent('Sent 26 Nov 2026, 09:00:05');
    // Only a failed message can be tried again.
    expect(screen.getAllByRole('button', { name: /^Try again/ })).toHaveLength(1);
  });

  it('shows only the messages in the state chosen, asking the core each time', async () => {
    const user = userEvent.setup();
    core();
    render(OutboxPage);
    const filter = await screen.findByLabelText('Show');
    expect(within(filter).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All messages',
      'Queued',
      'Held for a digest',
      'Sent',
      'Failed',
    ]);
    await user.selectOptions(filter, 'Failed');
    await waitFor(() => expect(screen.getAllByTestId('outbox-row')).toHaveLength(1));
    expect(screen.getByTestId('outbox-row')).toHaveTextContent('lee@nhs.net');
    await user.selectOptions(filter, 'Held for a digest');
    await waitFor(() => expect(screen.getByTestId('outbox-row')).toHaveTextContent('mo@nhs.net'));
    expect(callsOf('list_outbox')).toEqual([{ state: '' }, { state: 'failed' }, { state: 'held' }]);
  });

  it('shows 25 messages to a page, with the page in the address', async () => {
    const user = userEvent.setup();
    core({ ...outbox, messages: [...outboxMessages.slice(0, 1), ...manySent(59)], sent: 59 });
    render(OutboxPage);
    await screen.findAllByTestId('outbox-row');
    expect(screen.getAllByTestId('outbox-row')).toHaveLength(25);
    expect(screen.getByTestId('outbox-showing')).toHaveTextContent('Showing 1 to 25 of 60 messages');
    expect(rowFor('lee@nhs.net')).toBeDefined();
    expect(screen.getAllByTestId('outbox-row').at(-1)).toHaveTextContent('person36@nhs.net');
    const pages = screen.getByRole('navigation', { name: 'Pages of messages' });
    expect(within(pages).queryByTestId('page-previous')).toBeNull();
    expect(within(pages).getByTestId('page-next')).toHaveAttribute('href', '#/programme/outbox?page=2');

    await user.click(within(pages).getByTestId('page-next'));
    expect(screen.getByTestId('outbox-showing')).toHaveTextContent('Showing 26 to 50 of 60 messages');
    expect(screen.getByTestId('outbox-showing')).toHaveFocus();
    expect(screen.getAllByTestId('outbox-row')[0]).toHaveTextContent('person35@nhs.net');
    expect(window.location.hash).toBe('#/programme/outbox?page=2');

    await user.click(screen.getByTestId('page-next'));
    expect(screen.getByTestId('outbox-showing')).toHaveTextContent('Showing 51 to 60 of 60 messages');
    expect(screen.getAllByTestId('outbox-row')).toHaveLength(10);
    expect(screen.queryByTestId('page-next')).toBeNull();
    expect(screen.getByTestId('page-previous')).toHaveAttribute('href', '#/programme/outbox?page=2');
    // Paging is done here: the core was asked once.
    expect(callsOf('list_outbox')).toEqual([{ state: '' }]);
  });

  it('starts again at the first page when the filter changes', async () => {
    const user = userEvent.setup();
    core({ ...outbox, messages: manySent(60), sent: 60 });
    navigate('/programme/outbox?page=3', { replace: true });
    render(OutboxPage);
    expect(await screen.findByTestId('outbox-showing')).toHaveTextContent('Showing 51 to 60 of 60 messages');

    await user.selectOptions(screen.getByLabelText('Show'), 'Sent');
    await waitFor(() => expect(callsOf('list_outbox')).toEqual([{ state: '' }, { state: 'sent' }]));
    await waitFor(() => expect(screen.getByTestId('outbox-showing')).toHaveTextContent('Showing 1 to 25 of 60 messages'));
    expect(screen.getAllByTestId('outbox-row')[0]).toHaveTextContent('person60@nhs.net');
    expect(window.location.hash).toBe('#/programme/outbox?state=sent');
    expect(screen.getByTestId('page-next')).toHaveAttribute('href', '#/programme/outbox?state=sent&page=2');
  });

  it('takes the state and the page from the address', async () => {
    core({ ...outbox, messages: manySent(30), sent: 30 });
    navigate('/programme/outbox?state=sent&page=2', { replace: true });
    render(OutboxPage);
    expect(await screen.findByTestId('outbox-showing')).toHaveTextContent('Showing 26 to 30 of 30 messages');
    expect(screen.getByLabelText('Show')).toHaveValue('sent');
    expect(callsOf('list_outbox')).toEqual([{ state: 'sent' }]);
  });

  it('says when there is nothing, or nothing in the state chosen', async () => {
    const user = userEvent.setup();
    core({ ...outbox, messages: [], queued: 0, sent: 0, failed: 0, held: 0 });
    render(OutboxPage);
    expect(await screen.findByTestId('outbox-empty')).toHaveTextContent('No messages yet.');
    expect(screen.queryByTestId('outbox-table')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Show'), 'Failed');
    await waitFor(() => expect(screen.getByTestId('outbox-empty')).toHaveTextContent('No messages have failed.'));
  });

  it('tries a failed message again, and shows the outbox afresh', async () => {
    const user = userEvent.setup();
    core();
    render(OutboxPage);
    const retry = await screen.findByRole('button', { name: 'Try again to send “Choose a new password” to lee@nhs.net' });
    await user.click(retry);

    expect(await screen.findByTestId('confirmation')).toHaveTextContent('The message to lee@nhs.net will be tried again shortly.');
    expect(callsOf('retry_outbox_message')).toEqual([{ id: 4 }]);
    expect(within(rowFor('lee@nhs.net')).getByTestId('outbox-state')).toHaveTextContent('Queued');
    expect(screen.queryByRole('button', { name: /^Try again/ })).toBeNull();
    expect(countLines()).toEqual(['Queued: 2', 'Held for weekly digests: 1', 'Sent: 1', 'Failed: 0']);
    expect(screen.getByTestId('outbox-counts')).toHaveFocus();
    // Unfiltered, the core's answer is the list: no need to ask again.
    expect(callsOf('list_outbox')).toHaveLength(1);
  });

  it('asks again for the filtered list after a retry', async () => {
    const user = userEvent.setup();
    core();
    render(OutboxPage);
    await user.selectOptions(await screen.findByLabelText('Show'), 'Failed');
    await waitFor(() => expect(screen.getAllByTestId('outbox-row')).toHaveLength(1));
    await user.click(screen.getByTestId('retry-4'));
    expect(await screen.findByTestId('outbox-empty')).toHaveTextContent('No messages have failed.');
    expect(callsOf('list_outbox')).toEqual([{ state: '' }, { state: 'failed' }, { state: 'failed' }]);
  });

  it('shows a refused retry linked to its button', async () => {
    const user = userEvent.setup();
    const refused = 'Only a failed message can be tried again.';
    core(outbox, {
      retry_outbox_message: () => {
        throw apiError('conflict', refused, [{ field: 'id', message: refused }]);
      },
    });
    render(OutboxPage);
    await user.click(await screen.findByTestId('retry-4'));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(refused)).toHaveAttribute('href', '#retry-4');
    await user.click(within(summary).getByText(refused));
    expect(screen.getByTestId('retry-4')).toHaveFocus();
    expect(screen.queryByTestId('confirmation')).toBeNull();
  });

  it('says when email is off, with the way to turn it on', async () => {
    core({ ...outbox, email_on: false });
    render(OutboxPage);
    const off = await screen.findByTestId('email-off');
    expect(off).toHaveTextContent('Email is off, so the app sends nothing new.');
    expect(within(off).getByRole('link', { name: "programme's email settings" })).toHaveAttribute('href', '#/programme');
    expect(screen.getAllByTestId('outbox-row')).toHaveLength(4);
  });

  it('has no serious accessibility problems, with a refused retry', async () => {
    const user = userEvent.setup();
    core({ ...outbox, email_on: false }, {
      retry_outbox_message: () => {
        throw apiError('conflict', 'Only a failed message can be tried again.', [
          { field: 'id', message: 'Only a failed message can be tried again.' },
        ]);
      },
    });
    render(OutboxPage);
    await screen.findAllByTestId('outbox-row');
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('retry-4'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('the outbox’s address', () => {
  function app(user: Actor) {
    call.mockImplementation(
      fakeCore({
        app_status: () => status(user),
        reference_data: () => reference,
        list_outbox: () => outbox,
        get_programme: () => ({ id: 1, name: 'North West Fellows', description: '' }),
      }),
    );
    Object.assign(session, { status: null, reference: null, error: null });
    navigate('/programme/outbox', { replace: true });
    render(App);
  }

  it('opens the outbox for faculty, under Programme in the header', async () => {
    app(faculty);
    expect(await screen.findByRole('heading', { level: 1, name: 'Outbox' })).toHaveFocus();
    expect(document.title).toBe('Outbox – Fellowship');
    expect(await screen.findByTestId('nav-programme')).toHaveAttribute('aria-current', 'page');
    await screen.findAllByTestId('outbox-row');
    expect(screen.getAllByTestId('outbox-row')).toHaveLength(outboxMessages.length);
  });

  it('is for faculty only', async () => {
    app(fellowUser);
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    expect(callsOf('list_outbox')).toEqual([]);
  });
});
