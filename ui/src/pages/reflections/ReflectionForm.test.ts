import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Reflection, ReflectionInput, Template } from '$lib/api';
import { clearFlash, flash } from '$lib/flash.svelte';
import { navigate, router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, fellowUser, reference, status } from '../../test/fixtures';
import { draftReflection, notice, readerReflection, reflection, reflectionOptions } from '../../test/reflectionFixtures';
import ReflectionForm from './ReflectionForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const saves = () => call.mock.calls.filter(([c]) => c === 'save_reflection').map(([, a]) => a as ReflectionInput);
const autosaveStatus = () => screen.getByTestId('autosave-status');
/** Longer than the autosave's pause, with room to spare. */
const settle = { timeout: 2500 };

/** What the core answers a save with: the entry as sent, with its id (30 for a new one). */
function stored(input: ReflectionInput): Reflection {
  return {
    ...draftReflection,
    id: input.id ?? 30,
    template: input.template as Template,
    title: input.title,
    is_draft: !input.finish,
    sections: input.sections.filter((s) => s.body !== ''),
  };
}

function core(extra: Handlers = {}) {
  call.mockImplementation(
    fakeCore({ reflection_options: () => reflectionOptions, save_reflection: (input) => stored(input), ...extra }),
  );
}

beforeEach(() => {
  call.mockReset();
  clearFlash();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
  navigate('/reflections/new', { replace: true });
});

describe('ReflectionForm', () => {
  it('starts a new entry with the notice and the "What? So what? Now what?" sections', async () => {
    core();
    render(ReflectionForm);
    expect(screen.getByRole('heading', { level: 1, name: 'Write a reflection' })).toBeInTheDocument();
    expect(await screen.findByLabelText('Template')).toHaveDisplayValue('What? So what? Now what?');
    expect(screen.getByTestId('reflection-notice')).toHaveTextContent(notice);
    expect(screen.getByTestId('reflection-notice')).toHaveClass('nhsuk-warning-callout');
    expect(screen.getByRole('heading', { name: /Before you write/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Short title')).toHaveAccessibleDescription('Do not include names or details that identify anyone.');
    expect(screen.getByRole('group', { name: /Date of the experience/ })).toBeInTheDocument();
    for (const [label, id, prompt] of [
      ['What?', 'section-what', 'Describe the experience or event.'],
      ['So what?', 'section-so_what', 'Why does it matter? What did you learn?'],
      ['Now what?', 'section-now_what', 'What will you do differently as a result?'],
    ]) {
      const box = screen.getByLabelText(label);
      expect(box).toHaveAttribute('id', id);
      expect(box).toHaveAttribute('rows', '6');
      expect(box).toHaveAccessibleDescription(prompt);
    }
    expect(screen.getByLabelText('Link to your challenge (optional)')).toHaveDisplayValue('Not linked');
    const dimensions = screen.getByRole('group', { name: 'Leadership dimensions this reflection shows' });
    expect(dimensions.querySelectorAll('input[type=checkbox]')).toHaveLength(9);
    expect(screen.getByLabelText('Leading with care')).toHaveAttribute('id', 'dimension-2');
    expect(screen.getByLabelText('Leading with care')).toHaveAccessibleDescription('What leading with care looks like.');
    expect(autosaveStatus()).toHaveAttribute('aria-live', 'polite');
    expect(autosaveStatus()).toHaveTextContent('');
    expect(saves()).toHaveLength(0);
  });

  it('autosaves a draft once after a burst of typing, then moves to the entry’s address in place', async () => {
    const user = userEvent.setup();
    core();
    render(ReflectionForm);
    const title = await screen.findByLabelText('Short title');
    await user.type(title, 'Board round');
    expect(saves()).toHaveLength(0);

    await waitFor(() => expect(autosaveStatus()).toHaveTextContent(/^Draft saved at \d{2}:\d{2}$/), settle);
    expect(saves()).toEqual([
      {
        id: null,
        template: 'what_so_what',
        title: 'Board round',
        happened_on: '',
        sections: [
          { key: 'what', body: '' },
          { key: 'so_what', body: '' },
          { key: 'now_what', body: '' },
        ],
        challenge_id: null,
        dimension_ids: [],
        finish: false,
      },
    ]);
    // The new entry's address, without a new page: the same field, still focused, still filled.
    expect(window.location.hash).toBe('#/reflections/30/edit');
    expect(router.location.path).toBe('/reflections/30/edit');
    expect(document.getElementById('title')).toBe(title);
    expect(title).toHaveFocus();
    expect(title).toHaveValue('Board round');

    // Later saves update that entry.
    await user.type(title, ' notes');
    await waitFor(() => expect(saves()).toHaveLength(2), settle);
    expect(saves()[1]).toEqual(expect.objectContaining({ id: 30, title: 'Board round notes', finish: false }));
  });

  it('says so while saving, and saves at once when a field with changes loses focus', async () => {
    const user = userEvent.setup();
    let answer: (r: Reflection) => void = () => undefined;
    core({ save_reflection: (input) => new Promise<Reflection>((resolve) => (answer = () => resolve(stored(input)))) });
    render(ReflectionForm);
    await user.type(await screen.findByLabelText('What?'), 'It overran.');
    await user.tab();
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(autosaveStatus()).toHaveTextContent('Saving draft…');
    expect(saves()[0].sections[0]).toEqual({ key: 'what', body: 'It overran.' });

    // A change while that save is in flight waits for it, then goes with the new id.
    await user.type(screen.getByLabelText('So what?'), 'I took over.');
    await user.tab();
    await new Promise((r) => setTimeout(r, 50));
    expect(saves()).toHaveLength(1);
    answer(draftReflection);
    await waitFor(() => expect(saves()).toHaveLength(2));
    expect(saves()[1]).toEqual(expect.objectContaining({ id: 30 }));
    expect(saves()[1].sections[1]).toEqual({ key: 'so_what', body: 'I took over.' });
    answer(draftReflection);
    await waitFor(() => expect(autosaveStatus()).toHaveTextContent(/Draft saved at/));
  });

  it('keeps the text when an autosave fails, and says why', async () => {
    const user = userEvent.setup();
    core({
      save_reflection: () => {
        throw apiError('internal', 'The database is busy.');
      },
    });
    render(ReflectionForm);
    const what = await screen.findByLabelText('What?');
    await user.type(what, 'The board round overran.');
    await waitFor(
      () =>
        expect(autosaveStatus()).toHaveTextContent(
          'Could not save the draft: The database is busy. Your text is still here.',
        ),
      settle,
    );
    expect(what).toHaveValue('The board round overran.');
    expect(what).toHaveFocus();
    expect(window.location.hash).toBe('#/reflections/new');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps every section’s text when the template changes, and still sends it', async () => {
    const user = userEvent.setup();
    core();
    render(ReflectionForm);
    await user.type(await screen.findByLabelText('What?'), 'It overran.');
    await user.selectOptions(screen.getByLabelText('Template'), "Gibbs' reflective cycle");
    expect(screen.queryByLabelText('What?')).toBeNull();
    expect(screen.getByLabelText('Description')).toHaveValue('');
    await user.type(screen.getByLabelText('Feelings'), 'Flustered.');
    await user.tab();
    await waitFor(() => expect(saves().at(-1)?.template).toBe('gibbs'), settle);
    await waitFor(() => expect(saves().at(-1)?.sections).toContainEqual({ key: 'feelings', body: 'Flustered.' }), settle);
    const sent = saves().at(-1)!;
    expect(sent.sections.map((s) => s.key)).toEqual([
      'description',
      'feelings',
      'evaluation',
      'analysis',
      'conclusion',
      'action_plan',
      'what',
    ]);
    expect(sent.sections).toContainEqual({ key: 'what', body: 'It overran.' });

    await user.selectOptions(screen.getByLabelText('Template'), 'What? So what? Now what?');
    expect(screen.getByLabelText('What?')).toHaveValue('It overran.');
    await user.selectOptions(screen.getByLabelText('Template'), "Gibbs' reflective cycle");
    expect(screen.getByLabelText('Feelings')).toHaveValue('Flustered.');
  });

  it('shows each error beside its field when finishing fails, keeping every value', async () => {
    const user = userEvent.setup();
    core({
      save_reflection: (input) => {
        if (!input.finish) return stored(input);
        throw apiError('validation', 'There are 4 problems with what you entered.', [
          { field: 'title', message: 'Give the entry a short title.' },
          { field: 'happened_on', message: 'The date of the experience must be a real date.' },
          { field: 'section-so_what', message: 'Keep this part to a page.' },
          { field: 'dimension_ids', message: 'That leadership dimension does not exist.' },
        ]);
      },
    });
    render(ReflectionForm);
    await user.type(await screen.findByLabelText('What?'), 'It overran.');
    await user.type(screen.getByLabelText('Day'), '31');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '2026');
    await user.click(screen.getByLabelText('Engaging the team'));
    await user.selectOptions(screen.getByLabelText('Link to your challenge (optional)'), 'Reduce delayed discharges on the frailty ward');
    await user.click(screen.getByTestId('finish-reflection'));

    expect(await screen.findByRole('alert')).toHaveTextContent('Give the entry a short title.');
    expect(document.getElementById('title-error')).toHaveTextContent('Give the entry a short title.');
    expect(screen.getByLabelText('Short title')).toHaveClass('nhsuk-input--error');
    expect(document.getElementById('happened_on-error')).toHaveTextContent('The date of the experience must be a real date.');
    expect(document.getElementById('section-so_what-error')).toHaveTextContent('Keep this part to a page.');
    expect(screen.getByLabelText('So what?').getAttribute('aria-describedby')).toContain('section-so_what-error');
    expect(document.getElementById('dimension_ids-error')).toHaveTextContent('That leadership dimension does not exist.');
    expect(screen.getByRole('link', { name: 'Keep this part to a page.' })).toHaveAttribute('href', '#section-so_what');

    // Nothing typed or chosen is lost.
    expect(screen.getByLabelText('What?')).toHaveValue('It overran.');
    expect(screen.getByLabelText('Day')).toHaveValue('31');
    expect(screen.getByLabelText('Month')).toHaveValue('2');
    expect(screen.getByLabelText('Year')).toHaveValue('2026');
    expect(screen.getByLabelText('Engaging the team')).toBeChecked();
    expect(screen.getByLabelText('Link to your challenge (optional)')).toHaveDisplayValue(
      'Reduce delayed discharges on the frailty ward',
    );

    const finishing = saves().filter((s) => s.finish);
    expect(finishing).toHaveLength(1);
    expect(finishing[0]).toEqual(
      expect.objectContaining({ happened_on: '2026-02-31', dimension_ids: [6], challenge_id: 11, title: '' }),
    );
    expect(finishing[0].sections[0]).toEqual({ key: 'what', body: 'It overran.' });
    expect(router.location.path).not.toBe('/reflections/30');
  });

  it('finishes an entry and goes to it with a confirmation', async () => {
    const user = userEvent.setup();
    core();
    render(ReflectionForm);
    await user.type(await screen.findByLabelText('Short title'), 'Board round');
    await user.click(screen.getByTestId('finish-reflection'));
    await waitFor(() => expect(router.location.path).toBe('/reflections/30'));
    expect(flash).toEqual({ message: 'Reflection saved.', path: '/reflections/30' });
    // The blur autosaved first; finishing then went to the same entry.
    expect(saves().map((s) => [s.id, s.finish])).toEqual([
      [null, false],
      [30, true],
    ]);
  });

  it('edits an entry: fills the form from it', async () => {
    navigate('/reflections/21/edit', { replace: true });
    core({ get_reflection: () => reflection });
    render(ReflectionForm, { id: 21 });
    expect(screen.getByRole('heading', { level: 1, name: 'Edit reflection' })).toBeInTheDocument();
    expect(await screen.findByLabelText('Short title')).toHaveValue('Board round with a new registrar');
    expect(screen.getByLabelText('Template')).toHaveDisplayValue('What? So what? Now what?');
    expect(screen.getByLabelText('Day')).toHaveValue('3');
    expect(screen.getByLabelText('Month')).toHaveValue('11');
    expect(screen.getByLabelText('Year')).toHaveValue('2026');
    expect(screen.getByLabelText('What?')).toHaveValue('The board round overran.\nThe registrar was new.');
    expect(screen.getByLabelText('Now what?')).toHaveValue('');
    expect(screen.getByLabelText('Link to your challenge (optional)')).toHaveDisplayValue(
      'Reduce delayed discharges on the frailty ward',
    );
    expect(screen.getByLabelText('Leading with care')).toBeChecked();
    expect(screen.getByLabelText('Engaging the team')).toBeChecked();
    expect(screen.getByLabelText('Holding to account')).not.toBeChecked();
    expect(call).toHaveBeenCalledWith('get_reflection', { id: 21 });
  });

  it('refuses to edit an entry someone else wrote', async () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    core({ get_reflection: () => readerReflection });
    render(ReflectionForm, { id: 21 });
    expect(await screen.findByRole('alert')).toHaveTextContent('Only the fellow who wrote this entry can change it.');
    expect(screen.queryByTestId('finish-reflection')).toBeNull();
  });
});
