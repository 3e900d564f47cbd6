import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Fellow, HostOrg } from '$lib/api';
import { fellowPicks, fellows, hostPicks, hosts } from '../../test/fixtures';
import { fakeCore } from '../../test/fakeCore';
import PickerHarness from '../../test/PickerHarness.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

/** A national scheme: more fellows and hosts than a picker offers at once. */
const many: Fellow[] = Array.from({ length: 120 }, (_, i) => ({
  ...fellows[0],
  id: 1000 + i,
  name: `Fellow ${String(i).padStart(3, '0')}`,
  email: `fellow${i}@nhs.net`,
  registration_number: `R${i}`,
}));
const manyHosts: HostOrg[] = Array.from({ length: 70 }, (_, i) => ({ ...hosts[0], id: 500 + i, name: `Trust ${String(i).padStart(2, '0')}` }));

const options = (label: string) => within(screen.getByLabelText(label)).getAllByRole('option').map((o) => o.textContent);
const asked = (command: string) => call.mock.calls.filter(([c]) => c === command).map(([, a]) => a);

beforeEach(() => {
  call.mockReset();
});

describe('FellowSelect and HostSelect', () => {
  it('offer a plain select while everything fits, with no search', async () => {
    call.mockImplementation(fakeCore({ pick_fellows: fellowPicks(), pick_hosts: hostPicks() }));
    render(PickerHarness);
    await waitFor(() => expect(options('Fellow')).toHaveLength(1 + fellows.length));
    await waitFor(() => expect(options('Host organisation')).toHaveLength(1 + hosts.length));
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(asked('pick_fellows')).toEqual([{ search: null, include_finished: false, chosen: null }]);
  });

  it('offer a search once there are more than they can show, and narrow as the reader types', async () => {
    const user = userEvent.setup();
    call.mockImplementation(fakeCore({ pick_fellows: fellowPicks(many), pick_hosts: hostPicks(manyHosts) }));
    render(PickerHarness);
    const search = await screen.findByLabelText('Search fellows by name, email or registration number');
    expect(options('Fellow')).toHaveLength(51);
    expect(screen.getByLabelText('Fellow')).toHaveAccessibleDescription('Showing the first 50 of 120 fellows. Search to find others.');
    await user.type(search, 'fellow 11');
    await waitFor(() => expect(options('Fellow')).toHaveLength(11));
    expect(options('Fellow')[1]).toMatch(/^Fellow 110 — /);
    // The search stays while the reader narrows, and says when nothing matches.
    await user.clear(search);
    await user.type(search, 'nobody');
    await waitFor(() => expect(screen.getByLabelText('Fellow')).toHaveAccessibleDescription('No fellows match “nobody”.'));
    // Typing waits for a pause: not one question per key.
    expect(asked('pick_fellows').length).toBeLessThan(6);
    // Hosts search by name, region or ODS code.
    const hostSearch = screen.getByLabelText('Search host organisations by name, region or ODS code');
    await user.type(hostSearch, 'trust 6');
    await waitFor(() => expect(options('Host organisation')).toEqual(['Choose…', ...Array.from({ length: 10 }, (_, i) => `Trust 6${i}`)]));
  });

  it('keep the one chosen, and ask once about a choice put in the form from elsewhere', async () => {
    const user = userEvent.setup();
    call.mockImplementation(fakeCore({ pick_fellows: fellowPicks(many), pick_hosts: hostPicks(manyHosts) }));
    render(PickerHarness, { host: '569' });
    // The saved host, last by name, is offered beyond the first fifty.
    await waitFor(() => expect(screen.getByLabelText('Host organisation')).toHaveDisplayValue('Trust 69'));
    expect(asked('pick_hosts')).toEqual([{ search: null, chosen: 569 }]);
    await screen.findByLabelText('Search fellows by name, email or registration number');
    await user.click(screen.getByRole('button', { name: 'Load a saved record' }));
    await waitFor(() => expect(screen.getByLabelText('Fellow')).toHaveDisplayValue(/^Fellow 060 — /));
    expect(asked('pick_fellows').at(-1)).toEqual({ search: null, include_finished: false, chosen: 1060 });
    // Once offered, choosing among what is offered asks nothing more.
    const before = asked('pick_fellows').length;
    await user.selectOptions(screen.getByLabelText('Fellow'), options('Fellow')[2]!);
    expect(asked('pick_fellows')).toHaveLength(before);
    expect(screen.getByTestId('fellow')).toHaveTextContent('1001');
  });

  it('show the newer answer when an older one arrives late', async () => {
    const user = userEvent.setup();
    const pick = fellowPicks(many);
    let slow = true;
    call.mockImplementation(
      fakeCore({
        pick_hosts: hostPicks(),
        pick_fellows: async (args) => {
          // The first search ("f") answers after the second ("fellow 05").
          if (args.search === 'f' && slow) {
            slow = false;
            await new Promise((r) => setTimeout(r, 500));
          }
          return pick(args);
        },
      }),
    );
    render(PickerHarness);
    const search = await screen.findByLabelText('Search fellows by name, email or registration number');
    await user.type(search, 'f');
    await new Promise((r) => setTimeout(r, 250));
    await user.type(search, 'ellow 05');
    await waitFor(() => expect(options('Fellow')).toHaveLength(11));
    await new Promise((r) => setTimeout(r, 400));
    expect(options('Fellow')).toHaveLength(11);
  });

  it('say beside the field when the choices cannot be had', async () => {
    call.mockImplementation(fakeCore({ pick_hosts: hostPicks() }));
    render(PickerHarness);
    await waitFor(() =>
      expect(screen.getByLabelText('Fellow')).toHaveAccessibleDescription(/The fellows could not be loaded: Not in this test: pick_fellows/),
    );
  });
});
