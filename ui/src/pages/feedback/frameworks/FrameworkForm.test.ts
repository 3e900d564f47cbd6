import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { FrameworkDetail } from '$lib/api';
import { flash } from '$lib/flash.svelte';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../../test/fakeCore';
import { faculty, reference, status } from '../../../test/fixtures';
import { frameworkDetails, hlmDetail, valuesDetail } from '../../../test/frameworkFixtures';
import FrameworkForm from './FrameworkForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_framework: ({ id }) => frameworkDetails[id], ...extra }));
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const cards = () => screen.getAllByTestId('dimension');

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
  window.location.hash = '#/feedback/frameworks/new';
});

describe('FrameworkForm, adding', () => {
  it('sends the scale, dimensions and statements as typed, a statement a line, then goes to the framework', async () => {
    const user = userEvent.setup();
    const summary = { ...valuesDetail.summary, id: 9, version: 1, name: 'Our model' };
    const saved: FrameworkDetail = { ...valuesDetail, summary };
    core({ save_framework: () => saved });
    render(FrameworkForm);
    expect(screen.getByRole('heading', { level: 1, name: 'Add a framework' })).toBeInTheDocument();
    expect(screen.queryByTestId('in-use-notice')).toBeNull();

    await user.type(screen.getByLabelText('Name of the framework'), 'Our model');
    await user.type(document.getElementById('description')!, 'Home grown.');
    await user.click(screen.getByLabelText("Raters may answer 'Not observed'"));

    const scale = screen.getByRole('group', { name: 'Rating scale, lowest first' });
    await user.type(within(scale).getByLabelText('Point 1'), 'Rarely');
    await user.type(within(scale).getByLabelText('Point 2'), 'Often');
    await user.click(screen.getByTestId('add-point'));
    expect(within(scale).getByLabelText('Point 3')).toHaveFocus();
    await user.type(input('scale.2'), 'Always');
    // Each point can say what it means; an empty one is sent empty.
    await user.type(within(scale).getByLabelText('What point 3 means (optional)'), 'Every time it matters.');

    await user.type(input('dimensions.0.name'), 'Listening');
    await user.type(input('dimensions.0.statements'), 'Hears people out.{Enter}{Enter}Asks before telling.{Enter}');
    await user.click(screen.getByTestId('add-dimension'));
    expect(input('dimensions.1.name')).toHaveFocus();
    await user.type(input('dimensions.1.name'), 'Deciding');
    await user.type(input('dimensions.1.description'), 'Making the call.');
    expect(within(cards()[1]).getByRole('group', { name: 'Dimension 2' })).toBeInTheDocument();
    expect(within(cards()[1]).getByLabelText('Behaviour statements or questions')).toHaveAccessibleDescription('One per line');
    await user.click(screen.getByLabelText('Use for new rounds by default'));
    await user.click(screen.getByTestId('save-framework'));

    expect(call).toHaveBeenCalledWith('save_framework', {
      id: null,
      name: 'Our model',
      description: 'Home grown.',
      allows_not_observed: false,
      scale: ['Rarely', 'Often', 'Always'],
      scale_descriptions: ['', '', 'Every time it matters.'],
      dimensions: [
        { name: 'Listening', description: '', statements: ['Hears people out.', 'Asks before telling.'] },
        { name: 'Deciding', description: 'Making the call.', statements: [] },
      ],
      make_default: true,
    });
    await waitFor(() => expect(router.location.path).toBe('/feedback/frameworks/9'));
    expect(flash).toEqual({ message: 'Our model saved.', path: '/feedback/frameworks/9' });
  });

  it('keeps the scale between 2 and 10 points by disabling add and remove', async () => {
    const user = userEvent.setup();
    core();
    render(FrameworkForm);
    expect(screen.getByTestId('remove-point-0')).toBeDisabled();
    for (let i = 2; i < 10; i++) await user.click(screen.getByTestId('add-point'));
    expect(screen.getByTestId('add-point')).toBeDisabled();
    expect(input('scale.9')).toBeInTheDocument();
    await user.type(input('scale.9'), 'Top');
    await user.click(screen.getByRole('button', { name: 'Remove point 1' }));
    expect(screen.getByTestId('add-point')).toBeEnabled();
    expect(screen.getByTestId('add-point')).toHaveFocus();
    expect(input('scale.8')).toHaveValue('Top');
  });

  it('moves and removes dimensions, keeping each one’s text and the focus', async () => {
    const user = userEvent.setup();
    core();
    render(FrameworkForm);
    await user.type(input('dimensions.0.name'), 'First');
    await user.click(screen.getByTestId('add-dimension'));
    await user.type(input('dimensions.1.name'), 'Second');
    expect(screen.getByTestId('move-up-0')).toBeDisabled();
    expect(screen.getByTestId('move-down-1')).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Move up dimension 2' }));
    expect(input('dimensions.0.name')).toHaveValue('Second');
    expect(input('dimensions.1.name')).toHaveValue('First');
    expect(screen.getByTestId('move-down-0')).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Remove dimension 1' }));
    expect(cards()).toHaveLength(1);
    expect(input('dimensions.0.name')).toHaveValue('First');
    expect(screen.getByTestId('add-dimension')).toHaveFocus();
  });

  it('shows each error beside its field and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({
      save_framework: () => {
        throw apiError('validation', 'There are 2 problems with what you entered.', [
          { field: 'scale', message: 'Give the scale 2 to 10 points, each with a label.' },
          { field: 'dimensions.1.name', message: 'Two dimensions have this name.' },
        ]);
      },
    });
    render(FrameworkForm);
    await user.type(screen.getByLabelText('Name of the framework'), 'Our model');
    await user.type(input('scale.0'), 'Low');
    await user.type(input('dimensions.0.name'), 'Care');
    await user.click(screen.getByTestId('add-dimension'));
    await user.type(input('dimensions.1.name'), 'Care');
    await user.type(input('dimensions.1.statements'), 'Is kind.{Enter}Is fair.');
    await user.click(screen.getByTestId('save-framework'));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Two dimensions have this name.' });
    expect(link).toHaveAttribute('href', '#dimensions.1.name');
    const name = input('dimensions.1.name');
    expect(within(cards()[1]).getByText('Two dimensions have this name.')).toHaveAttribute('id', 'dimensions.1.name-error');
    expect(name.getAttribute('aria-describedby')).toContain('dimensions.1.name-error');
    expect(name).toHaveClass('nhsuk-input--error');
    expect(input('dimensions.0.name')).not.toHaveClass('nhsuk-input--error');
    expect(document.getElementById('scale-error')).toHaveTextContent('Give the scale 2 to 10 points');
    const scale = screen.getByRole('group', { name: 'Rating scale, lowest first' });
    expect(scale).toHaveAccessibleDescription(/Give the scale 2 to 10 points/);

    expect(name).toHaveValue('Care');
    expect(input('dimensions.1.statements')).toHaveValue('Is kind.\nIs fair.');
    expect(input('scale.0')).toHaveValue('Low');
    expect(screen.getByLabelText('Name of the framework')).toHaveValue('Our model');
    expect(router.location.path).toBe('/feedback/frameworks/new');

    await user.click(link);
    expect(name).toHaveFocus();
  });

  it('shows the error for no dimensions above the list', async () => {
    const user = userEvent.setup();
    const message = 'Add at least one dimension.';
    const none = apiError('validation', message, [{ field: 'dimensions', message }]);
    core({ save_framework: () => Promise.reject(none) });
    render(FrameworkForm);
    await user.click(screen.getByTestId('remove-dimension-0'));
    expect(screen.getByTestId('no-dimensions')).toBeInTheDocument();
    await user.click(screen.getByTestId('save-framework'));
    const summary = await screen.findByRole('alert');
    expect(document.getElementById('dimensions')).toContainElement(document.getElementById('dimensions-error'));
    await user.click(within(summary).getByRole('link', { name: message }));
    expect(screen.getByTestId('add-dimension')).toHaveFocus();
  });
});

describe('FrameworkForm, changing', () => {
  it('says a framework in use gets a new version, and goes to it with the version said', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/feedback/frameworks/1';
    const newer: FrameworkDetail = { ...hlmDetail, summary: { ...hlmDetail.summary, id: 4, version: 2, in_use: false } };
    core({ save_framework: () => newer });
    render(FrameworkForm, { id: 1 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Healthcare Leadership Model (version 1)' })).toBeInTheDocument();
    expect(screen.getByTestId('in-use-notice')).toHaveTextContent(
      'This framework is in use. Saving makes version 2, which replaces it for new rounds.',
    );
    expect(screen.getByLabelText('Name of the framework')).toHaveValue('Healthcare Leadership Model');
    expect(input('scale.3')).toHaveValue('Exemplary');
    expect(input('dimensions.0.statements')).toHaveValue('Acts on the values of the NHS.\nTakes a stand for patients.');
    // Already the default: said, not offered as a box that could not undo it.
    expect(screen.getByTestId('is-default')).toBeInTheDocument();
    expect(screen.queryByLabelText('Use for new rounds by default')).toBeNull();

    await user.type(input('dimensions.1.statements'), 'Shows compassion.');
    await user.click(screen.getByTestId('save-framework'));
    expect(call).toHaveBeenCalledWith(
      'save_framework',
      expect.objectContaining({
        id: 1,
        make_default: true,
        dimensions: [hlmDetail.dimensions[0], { ...hlmDetail.dimensions[1], statements: ['Shows compassion.'] }],
      }),
    );
    await waitFor(() => expect(router.location.path).toBe('/feedback/frameworks/4'));
    expect(flash).toEqual({ message: 'Saved as version 2.', path: '/feedback/frameworks/4' });
  });

  it('changes an unused framework where it stands, showing what was saved', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/feedback/frameworks/2';
    core({
      save_framework: (input) => ({ ...valuesDetail, summary: { ...valuesDetail.summary, name: input.name.trim() } }),
    });
    render(FrameworkForm, { id: 2 });
    const name = await screen.findByLabelText('Name of the framework');
    expect(screen.queryByTestId('in-use-notice')).toBeNull();
    await user.clear(name);
    await user.type(name, 'Trust values ');
    await user.click(screen.getByTestId('save-framework'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Trust values (version 2)' })).toBeInTheDocument();
    expect(name).toHaveValue('Trust values');
    expect(flash).toEqual({ message: 'Trust values saved.', path: '/feedback/frameworks/2' });
  });

  it('shows a replaced framework read only, with the way to the newer version and no save', async () => {
    window.location.hash = '#/feedback/frameworks/3';
    core();
    render(FrameworkForm, { id: 3 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Our values (version 1)' })).toBeInTheDocument();
    expect(screen.getByTestId('replaced-notice')).toHaveTextContent('This version has been replaced');
    expect(screen.getByTestId('newer-version-link')).toHaveAttribute('href', '#/feedback/frameworks/2');
    expect(screen.queryByTestId('save-framework')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByTestId('scale')).toHaveTextContent('EssentialProficientStrong');
    expect(screen.getAllByTestId('dimension').map((d) => d.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '1. Compassion Listens first.',
      '2. Respect',
    ]);
  });

  it('says when the framework cannot be found', async () => {
    window.location.hash = '#/feedback/frameworks/99';
    call.mockImplementation(fakeCore({}));
    render(FrameworkForm, { id: 99 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Framework not found' })).toBeInTheDocument();
    expect(screen.queryByTestId('save-framework')).toBeNull();
  });
});
