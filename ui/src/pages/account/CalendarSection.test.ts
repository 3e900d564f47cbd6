import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { fakeCore } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import CalendarSection from './CalendarSection.svelte';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

const ics = { file_name: 'fellowship-calendar.ics', mime: 'text/calendar', base64: 'QkVHSU46VkNBTEVOREFS' };

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('CalendarSection', () => {
  it('downloads the calendar anywhere, and offers no subscription for a programme on this computer', async () => {
    const user = userEvent.setup();
    call.mockImplementation(fakeCore({ my_calendar: () => ics, my_calendar_feed: () => ({ created_at: null }) }));
    saveDocument.mockResolvedValue('/home/jo/Downloads/fellowship-calendar.ics');
    render(CalendarSection, { server: null });
    await user.click(screen.getByTestId('download-calendar'));
    expect(saveDocument).toHaveBeenCalledWith(ics);
    expect(screen.queryByTestId('renew-calendar')).toBeNull();
  });

  it('makes a private address once, shows it once, and stops it', async () => {
    const user = userEvent.setup();
    let active: string | null = null;
    call.mockImplementation(
      fakeCore({
        my_calendar_feed: () => ({ created_at: active }),
        renew_calendar_feed: () => {
          active = '2026-12-03T09:00:00Z';
          return { token: 'secret-token', created_at: active };
        },
        revoke_calendar_feed: () => {
          active = null;
          return { created_at: null };
        },
      }),
    );
    render(CalendarSection, { server: 'https://fellowship.example.nhs.uk' });
    expect(await screen.findByTestId('calendar-none')).toHaveTextContent('You have no subscription address.');
    await user.click(screen.getByTestId('renew-calendar'));
    expect(await screen.findByTestId('calendar-address')).toHaveValue(
      'https://fellowship.example.nhs.uk/calendar/secret-token.ics',
    );
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('revoke-calendar'));
    expect(await screen.findByTestId('calendar-none')).toBeInTheDocument();
    expect(screen.queryByTestId('calendar-address')).toBeNull();
  });
});
