import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { faculty } from '../../../test/fixtures';
import AppHeader from './AppHeader.svelte';

const nav = [
  { path: '/fellows', label: 'Fellows', testid: 'nav-fellows' },
  { path: '/cohorts', label: 'Cohorts', testid: 'nav-cohorts' },
];

beforeEach(() => navigate('/fellows', { replace: true }));

describe('AppHeader', () => {
  it('folds the navigation and account links behind a Menu button, which says whether they show', async () => {
    const user = userEvent.setup();
    render(AppHeader, { serviceName: 'Leadership Fellowship', user: faculty, nav, onSignOut: vi.fn() });
    const toggle = screen.getByRole('button', { name: 'Menu' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', 'app-account app-navigation');
    expect(document.getElementById('app-navigation')).toBe(screen.getByRole('navigation', { name: 'Main' }));
    expect(document.getElementById('app-account')).toBe(screen.getByRole('navigation', { name: 'Account' }));
    // Every link keeps its test id, whether or not the menu is open (from 48em it always shows).
    for (const id of ['nav-fellows', 'nav-cohorts', 'nav-account', 'sign-out', 'user-name']) {
      expect(screen.getByTestId(id)).toBeInTheDocument();
    }
    expect(screen.getByTestId('nav-fellows')).toHaveAttribute('aria-current', 'page');

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle.closest('header')).toHaveClass('app-header--open');

    // Following a link closes it, so the new page is not hidden behind it.
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByTestId('nav-cohorts'));
    await vi.waitFor(() => expect(toggle).toHaveAttribute('aria-expanded', 'false'));

    // Escape closes it too, and returns the focus to the button.
    await user.click(toggle);
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });

  it('closes the menu when the user goes somewhere', async () => {
    const user = userEvent.setup();
    render(AppHeader, { serviceName: 'Fellowship', user: faculty, nav });
    const toggle = screen.getByTestId('menu-toggle');
    await user.click(toggle);
    navigate('/cohorts');
    await vi.waitFor(() => expect(toggle).toHaveAttribute('aria-expanded', 'false'));
    expect(screen.getByTestId('nav-cohorts')).toHaveAttribute('aria-current', 'page');
  });

  it('has no menu before anyone signs in', () => {
    render(AppHeader, { serviceName: 'Fellowship' });
    expect(screen.queryByTestId('menu-toggle')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
