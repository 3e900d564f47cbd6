import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../../test/fakeCore';
import { faculty, reference, status } from '../../../test/fixtures';
import { frameworks } from '../../../test/frameworkFixtures';
import FrameworksPage from './FrameworksPage.svelte';
import { cellTexts } from '../../../test/cells';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

// The cells' text without the column names a stacking table repeats for phones.
const cells = cellTexts;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('FrameworksPage', () => {
  it('lists every version with its dimensions and tags, each linking to its page', async () => {
    call.mockImplementation(fakeCore({ list_frameworks: () => frameworks }));
    render(FrameworksPage);
    expect(screen.getByRole('heading', { level: 1, name: '360° frameworks' })).toBeInTheDocument();
    expect(screen.getByText(/A framework used by a round is locked: saving changes to it makes a new version/)).toBeVisible();
    expect(screen.getByTestId('new-framework')).toHaveAttribute('href', '#/feedback/frameworks/new');

    const rows = await screen.findAllByTestId('framework-row');
    expect(screen.getByRole('table', { name: 'Frameworks' })).toBeInTheDocument();
    expect(rows.map(cells)).toEqual([
      ['Healthcare Leadership Model, version 1', '1', '9', 'Default In use'],
      ['Our values, version 2', '2', '2', ''],
      ['Our values, version 1', '1', '2', 'In use Replaced by a newer version'],
    ]);
    const link = within(rows[2]).getByRole('link', { name: 'Our values, version 1' });
    expect(link).toHaveAttribute('href', '#/feedback/frameworks/3');
    expect(within(rows[0]).getByText('Default')).toHaveClass('nhsuk-tag');
    expect(within(rows[2]).getByText('Replaced by a newer version')).toHaveClass('nhsuk-tag');
  });

  it('says when there are none', async () => {
    call.mockImplementation(fakeCore({ list_frameworks: () => [] }));
    render(FrameworksPage);
    expect(await screen.findByTestId('frameworks-empty')).toHaveTextContent('No frameworks yet.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
