import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { sharedWithMe } from '../../test/reflectionFixtures';
import SharedPage from './SharedPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('SharedPage', () => {
  it('lists what fellows have shared, each linked to read', async () => {
    call.mockImplementation(fakeCore({ reflections_shared_with_me: () => sharedWithMe }));
    render(SharedPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Reflections shared with you' })).toBeInTheDocument();
    const [row] = await screen.findAllByTestId('shared-row');
    expect(within(row).getByRole('link', { name: 'Board round with a new registrar' })).toHaveAttribute('href', '#/reflections/21');
    expect(row).toHaveTextContent('Sam Fellow');
    expect(row).toHaveTextContent('3 Nov 2026');
  });

  it('says when nothing has been shared', async () => {
    call.mockImplementation(fakeCore({ reflections_shared_with_me: () => [] }));
    render(SharedPage);
    expect(await screen.findByTestId('shared-empty')).toHaveTextContent('No fellow has shared a reflection with you.');
  });
});
