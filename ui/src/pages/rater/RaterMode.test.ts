import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import App from '../../App.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { status } from '../../test/fixtures';
import { CODE, lineManagerQuestionnaire, questionnaire, receipt } from '../../test/feedbackReportFixtures';
import { DraftStore } from './draft';
import RaterMode from './RaterMode.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const unknownCode = apiError('validation', 'That code is not recognised. Check it against your invitation; it has 40 letters and digits.', [
  { field: 'code', message: 'That code is not recognised. Check it against your invitation; it has 40 letters and digits.' },
]);

/** Another rater's code for the same fellow's round. */
const OTHER_CODE = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH';

function core(extra: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(null),
      open_questionnaire: ({ code }) => {
        if (code !== CODE && code !== OTHER_CODE) throw unknownCode;
        return questionnaire;
      },
      submit_questionnaire: () => receipt,
      ...extra,
    }),
  );
}

/** Types the code and opens the questionnaire. */
async function open(user: ReturnType<typeof userEvent.setup>, code = CODE) {
  await user.type(screen.getByLabelText('Your invitation code'), code);
  await user.click(screen.getByTestId('open-questionnaire'));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null });
  localStorage.clear();
  sessionStorage.clear();
});

describe('rater mode from the sign-in screen', () => {
  it('switches to the code step with no sign-in, and back', async () => {
    const user = userEvent.setup();
    core();
    navigate('/', { replace: true });
    render(App);
    await user.click(await screen.findByTestId('rater-mode'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Give 360° feedback' })).toHaveFocus();
    expect(document.title).toBe('Give 360° feedback – Fellowship');
    const field = screen.getByLabelText('Your invitation code');
    expect(field).toHaveAttribute('autocomplete', 'off');
    expect(field).toHaveAttribute('spellcheck', 'false');
    expect(field).toHaveAccessibleDescription('40 letters and digits, as in your invitation; dashes and spaces do not matter');
    expect(call).not.toHaveBeenCalledWith('sign_in', expect.anything());

    await user.click(screen.getByTestId('back-to-sign-in'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
  });
});

describe('RaterMode', () => {
  it('shows a code the core refuses beside the field, keeping what was typed', async () => {
    const user = userEvent.setup();
    core();
    render(RaterMode);
    await open(user, 'ABCDE-12345');
    expect(call).toHaveBeenCalledWith('open_questionnaire', { code: 'ABCDE-12345' });
    expect(await screen.findByRole('alert')).toHaveTextContent('That code is not recognised.');
    expect(document.getElementById('code-error')).toHaveTextContent('That code is not recognised.');
    expect(screen.getByLabelText('Your invitation code')).toHaveValue('ABCDE-12345');
    expect(screen.getByLabelText('Your invitation code')).toHaveAccessibleDescription(/That code is not recognised/);
  });

  it('warns a line manager that their answers are not anonymous', async () => {
    const user = userEvent.setup();
    core({ open_questionnaire: () => lineManagerQuestionnaire });
    render(RaterMode);
    await open(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Feedback for Sam Fellow' })).toHaveFocus();
    expect(screen.getByTestId('not-anonymous')).toHaveTextContent(
      "You are answering as Sam Fellow's line manager. Your ratings are shown to them as yours.",
    );
    expect(screen.queryByTestId('anonymous')).toBeNull();
    expect(document.body).toHaveTextContent("This is Sam Fellow's end-of-year 360° feedback. You were invited as their line manager.");
  });

  it('sends the chosen answers, "not observed" as no rating, and shows the receipt', async () => {
    const user = userEvent.setup();
    core();
    render(RaterMode);
    await open(user);
    await screen.findByRole('heading', { level: 1, name: 'Feedback for Sam Fellow' });
    expect(screen.getByTestId('anonymous')).toHaveTextContent('Your name is never stored with your answers.');
    expect(document.body).toHaveTextContent('You were invited as a peer. Please answer by 30 June 2027.');

    const first = screen.getByRole('group', { name: 'Inspiring shared purpose' });
    expect(first).toHaveAttribute('id', 'answers.1');
    expect(first).toHaveAccessibleDescription(/Acts on values\./);
    expect(within(first).getAllByRole('radio').map((r) => r.id)).toEqual([
      'rating-1-1',
      'rating-1-2',
      'rating-1-3',
      'rating-1-4',
      'rating-1-none',
    ]);
    // Each level says what it means, beneath its label and read with it.
    expect(within(first).getByLabelText('Essential')).toHaveAccessibleDescription('Shows this behaviour some of the time: the basics are in place.');
    expect(within(first).getByLabelText('Strong')).toHaveAccessibleDescription(
      'Shows this behaviour consistently and helps the people around them do the same.',
    );
    expect(within(first).getByLabelText('Not observed')).toHaveAccessibleDescription('You have not seen enough to rate this.');
    const importance = screen.getByRole('group', { name: 'How important is this to their role? (optional): Inspiring shared purpose' });
    expect(within(importance).getAllByRole('radio').map((r) => r.id)).toEqual([
      'importance-1-1',
      'importance-1-2',
      'importance-1-3',
      'importance-1-4',
    ]);
    expect(within(importance).getByLabelText('4 (most important)')).toBeInTheDocument();

    await user.click(document.getElementById('rating-1-3')!);
    await user.click(document.getElementById('importance-1-4')!);
    await user.click(document.getElementById('rating-2-none')!);
    await user.type(screen.getByLabelText('Anything else you would like to say (optional)'), 'Keep going.');
    expect(screen.getByLabelText('Anything else you would like to say (optional)')).toHaveAccessibleDescription(
      'Shown to the fellow without your name, only if your group reaches its minimum',
    );
    await user.click(screen.getByTestId('submit-questionnaire'));

    expect(call).toHaveBeenCalledWith('submit_questionnaire', {
      code: CODE,
      answers: [
        { dimension_id: 1, rating: 3, importance: 4 },
        { dimension_id: 2, rating: null, importance: null },
      ],
      comment: 'Keep going.',
    });
    const panel = await screen.findByTestId('receipt');
    expect(panel).toHaveTextContent(receipt.message);
    expect(screen.getByRole('heading', { level: 1, name: 'Feedback sent' })).toHaveFocus();
    expect(screen.getByTestId('back-to-sign-in')).toHaveTextContent('Back to sign in');
    // Nothing of the code is left behind.
    expect(document.body.innerHTML).not.toContain(CODE);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('leaves out an unanswered dimension and shows the core’s error beside it, keeping the choices', async () => {
    const user = userEvent.setup();
    core({
      submit_questionnaire: () => {
        throw apiError('validation', 'Rate "Engaging the team".', [{ field: 'answers.2', message: 'Rate "Engaging the team".' }]);
      },
    });
    render(RaterMode);
    await open(user);
    await screen.findByRole('heading', { level: 1, name: 'Feedback for Sam Fellow' });
    await user.click(document.getElementById('rating-1-2')!);
    await user.click(document.getElementById('importance-2-1')!);
    await user.click(screen.getByTestId('submit-questionnaire'));

    expect(call).toHaveBeenCalledWith('submit_questionnaire', {
      code: CODE,
      answers: [{ dimension_id: 1, rating: 2, importance: null }],
      comment: '',
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: 'Rate "Engaging the team".' })).toHaveAttribute('href', '#answers.2');
    expect(document.getElementById('answers.2-error')).toHaveTextContent('Rate "Engaging the team".');
    expect(screen.getByRole('group', { name: 'Engaging the team' })).toHaveAccessibleDescription(/Rate "Engaging the team"\./);
    expect(document.getElementById('rating-1-2')).toBeChecked();
    expect(document.getElementById('importance-2-1')).toBeChecked();

    await user.click(within(alert).getByRole('link'));
    expect(document.getElementById('rating-2-1')).toHaveFocus();
  });

  it('shows a code spent meanwhile as a plain message', async () => {
    const user = userEvent.setup();
    core({
      submit_questionnaire: () => {
        throw apiError('conflict', 'This code has already been used. Each code can be used once.', [
          { field: 'code', message: 'This code has already been used. Each code can be used once.' },
        ]);
      },
    });
    render(RaterMode);
    await open(user);
    await screen.findByRole('heading', { level: 1, name: 'Feedback for Sam Fellow' });
    await user.click(screen.getByTestId('submit-questionnaire'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This code has already been used.');
    expect(within(alert).queryByRole('link')).toBeNull();
  });

  it('shows how many questions are answered, politely, as the rater goes', async () => {
    const user = userEvent.setup();
    core();
    render(RaterMode);
    await open(user);
    const progress = await screen.findByTestId('rater-progress');
    expect(progress).toHaveTextContent('0 of 2 questions answered');
    expect(progress).toHaveAttribute('aria-live', 'polite');
    await user.click(document.getElementById('importance-1-2')!);
    expect(progress).toHaveTextContent('0 of 2 questions answered');
    await user.click(document.getElementById('rating-2-none')!);
    expect(progress).toHaveTextContent('1 of 2 questions answered');
    await user.click(document.getElementById('rating-1-4')!);
    expect(progress).toHaveTextContent('2 of 2 questions answered');
  });

  it('keeps the answers on this device until sent, for the same code only, and forgets them once sent', async () => {
    const user = userEvent.setup();
    core();
    const first = render(RaterMode);
    await open(user);
    expect(await screen.findByTestId('draft-note')).toHaveTextContent(
      'Your answers are kept on this device, and not sent, until you select "Send my feedback".',
    );
    expect(screen.getByTestId('draft-note')).toHaveTextContent('On a shared computer they cannot be read without your code');
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    await user.click(document.getElementById('rating-1-3')!);
    await user.click(document.getElementById('importance-1-4')!);
    await user.type(screen.getByLabelText('Anything else you would like to say (optional)'), 'Keep going.');
    await waitFor(() => expect(localStorage.length).toBe(1));
    // Nothing goes to the server half done, and the browser holds nothing readable.
    expect(call).not.toHaveBeenCalledWith('submit_questionnaire', expect.anything());
    const stored = localStorage.key(0)! + localStorage.getItem(localStorage.key(0)!);
    expect(stored).not.toContain('Keep going');
    expect(stored.toUpperCase()).not.toContain('7K3QX');
    // The tab closes once the last keystroke is kept; the same code opens it again.
    await waitFor(async () => expect((await (await DraftStore.open(CODE, ''))!.load())?.comment).toBe('Keep going.'));
    first.unmount();
    render(RaterMode);
    await open(user);
    expect(await screen.findByLabelText('Anything else you would like to say (optional)')).toHaveValue('Keep going.');

    // Back with the same code: everything as it was.
    expect(screen.getByTestId('draft-restored')).toHaveTextContent('Your answers from last time are back');
    expect(document.getElementById('rating-1-3')).toBeChecked();
    expect(document.getElementById('importance-1-4')).toBeChecked();
    expect(screen.getByTestId('rater-progress')).toHaveTextContent('1 of 2 questions answered');

    // Another code finds nothing.
    await user.click(screen.getByTestId('use-another-code'));
    await user.clear(screen.getByLabelText('Your invitation code'));
    await open(user, OTHER_CODE);
    expect(await screen.findByTestId('rater-progress')).toHaveTextContent('0 of 2 questions answered');
    expect(screen.getByLabelText('Anything else you would like to say (optional)')).toHaveValue('');
    expect(screen.queryByTestId('draft-restored')).toBeNull();

    // Back to the first code, and send: the kept answers go.
    await user.click(screen.getByTestId('use-another-code'));
    await user.clear(screen.getByLabelText('Your invitation code'));
    await open(user);
    await user.click(await screen.findByTestId('submit-questionnaire'));
    expect(call).toHaveBeenCalledWith('submit_questionnaire', {
      code: CODE,
      answers: [{ dimension_id: 1, rating: 3, importance: 4 }],
      comment: 'Keep going.',
    });
    await screen.findByTestId('receipt');
    expect(localStorage.length).toBe(0);
  });

  it('keeps the answers when sending fails', async () => {
    const user = userEvent.setup();
    core({
      submit_questionnaire: () => {
        throw apiError('validation', 'Rate "Engaging the team".', [{ field: 'answers.2', message: 'Rate "Engaging the team".' }]);
      },
    });
    render(RaterMode);
    await open(user);
    await user.click(await screen.findByLabelText('Strong', { selector: '#rating-1-3' }));
    await user.click(screen.getByTestId('submit-questionnaire'));
    await screen.findByRole('alert');
    await waitFor(() => expect(localStorage.length).toBe(1));
  });
});
