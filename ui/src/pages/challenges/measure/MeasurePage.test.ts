import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MeasureChart } from '$lib/api';
import { session } from '$lib/session.svelte';
import { detail, measureChart, quietChart, sponsorDetail } from '../../../test/challengeFixtures';
import { apiError, fakeCore, type Handlers } from '../../../test/fakeCore';
import { faculty, reference, status } from '../../../test/fixtures';
import MeasurePage from './MeasurePage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const PASTE = 'Week\tDelayed discharges\n2026-09-07\t42\n2026-02-30\t1\n2026-09-21\tlots\n2026-09-28\t40';

const badLines = apiError(
  'validation',
  'Nothing was saved: 2 lines need fixing. Line 3: "2026-02-30" is not a date; use 2026-09-07 or 07/09/2026.',
  [
    { field: 'text', message: 'Line 3: "2026-02-30" is not a date; use 2026-09-07 or 07/09/2026.' },
    { field: 'text', message: 'Line 4: "lots" is not a number with at most 0 decimal places.' },
  ],
);

function core(chart: MeasureChart = measureChart, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_challenge: () => detail, measure_chart: () => chart, ...extra }));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('MeasurePage', () => {
  it('draws both charts, says what they show, and has the data as a table', async () => {
    core();
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Delayed discharges per week' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('measure_chart', { challenge_id: 11, measure_id: 21 });
    expect(screen.getByRole('link', { name: 'Back to the challenge' })).toHaveAttribute('href', '#/challenges/11');

    const run = screen.getByTestId('run-chart');
    const runSvg = run.querySelector('svg');
    expect(runSvg).toHaveAttribute('role', 'img');
    expect(within(run).getByRole('img')).toHaveAccessibleName(/Run chart of Delayed discharges per week/);
    expect(run.querySelector('figcaption')).toHaveTextContent('The median is 38.');
    const xmr = screen.getByTestId('xmr-chart');
    expect(xmr.querySelector('svg')).toHaveAttribute('role', 'img');
    expect(xmr.querySelector('figcaption')).toHaveTextContent('Target 35.');

    // The key is on show, not folded away: the charts cannot be read without it.
    const key = screen.getByRole('region', { name: 'Key to the charts' });
    expect(key.closest('details')).toBeNull();
    expect(within(key).getAllByRole('listitem').map((li) => li.textContent?.trim())).toContain('Part of a signal of concern');
    expect(within(key).getByText('Target')).toBeVisible();

    const signals = screen.getByTestId('signal-list');
    const items = within(signals).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toContain('Shift: 7 points above the median from 7 Sep 2026 to 19 Oct 2026 (concern).');
    expect(items).toContain('Shift: 7 points below the median from 26 Oct 2026 to 7 Dec 2026 (improvement).');
    expect(items.some((s) => s?.startsWith('Too few runs: 2 runs'))).toBe(true);
    expect(items).toContain('Special cause (improvement): 7 points below the mean from 26 Oct 2026 to 7 Dec 2026.');
    expect(items).toContain('Special cause (concern): a point above the upper process limit on 12 Oct 2026.');
    expect(within(signals).getByTestId('assurance')).toHaveTextContent('The target of 35 is met only some of the time');

    expect(screen.getByTestId('change-list')).toHaveTextContent('26 Oct 2026: Huddles start');
    expect(screen.getByTestId('change-list')).toHaveTextContent('PDSA: Discharge huddle');
    expect(screen.getByText('Show the data')).toBeInTheDocument();
    const rows = within(screen.getByTestId('chart-data')).getAllByRole('row');
    expect(rows).toHaveLength(15);
    expect(rows[1]).toHaveTextContent('7 Sep 2026');
    expect(rows[1]).toHaveTextContent('42');
    expect(rows[1]).toHaveTextContent('Run chart shift (concern)');
  });

  it('says there are no signals, and notes trial limits, for a short quiet series', async () => {
    core(quietChart);
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    const signals = await screen.findByTestId('signal-list');
    expect(signals).toHaveTextContent('No signals: the variation looks like common cause.');
    expect(within(signals).queryByTestId('assurance')).toBeNull();
    expect(screen.getByTestId('trial-note')).toHaveTextContent('Trial limits (fewer than 13 points)');
  });

  it('shows an empty state instead of charts with fewer than two values', async () => {
    core({ ...quietChart, points: quietChart.points.slice(0, 1) });
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    expect(await screen.findByTestId('chart-empty')).toHaveTextContent('Only one value so far.');
    expect(screen.queryByTestId('run-chart')).toBeNull();
    expect(screen.queryByTestId('xmr-chart')).toBeNull();
    expect(screen.queryByTestId('signal-list')).toBeNull();
  });

  it('shows every bad pasted line beside the box and keeps the pasted text', async () => {
    const user = userEvent.setup();
    core(measureChart, {
      add_measure_values: () => {
        throw badLines;
      },
    });
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    const box = await screen.findByLabelText('Paste dates and values');
    expect(box).toHaveAttribute('id', 'text');
    await user.click(box);
    await user.paste(PASTE);
    await user.click(screen.getByTestId('save-values'));

    const message = await screen.findByTestId('values-errors');
    expect(message).toHaveAttribute('id', 'text-error');
    const lines = within(message).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      'Line 3: "2026-02-30" is not a date; use 2026-09-07 or 07/09/2026.',
      'Line 4: "lots" is not a number with at most 0 decimal places.',
    ]);
    expect(box).toHaveValue(PASTE);
    expect(box).toHaveClass('nhsuk-textarea--error');
    expect(box.getAttribute('aria-describedby')).toContain('text-error');
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link')).toHaveAttribute('href', '#text');
    expect(summary).toHaveTextContent('Nothing was saved: 2 lines need fixing.');
    expect(call).toHaveBeenCalledWith('add_measure_values', { challenge_id: 11, measure_id: 21, text: PASTE });
  });

  it('clears the box and says how many values were saved', async () => {
    const user = userEvent.setup();
    core(quietChart, { add_measure_values: () => measureChart });
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    await user.click(await screen.findByLabelText('Paste dates and values'));
    expect(screen.getByTestId('run-chart').querySelectorAll('.signal-point circle')).toHaveLength(0);
    await user.paste('Week,Value\n07/09/2026,42\n14/09/2026,45\n\n21/09/2026,40\n');
    await user.click(screen.getByTestId('save-values'));
    expect(await screen.findByRole('status')).toHaveTextContent('3 values saved.');
    expect(screen.getByLabelText('Paste dates and values')).toHaveValue('');
    // The page redraws from the chart the core returned: words and pictures, one SVG each.
    expect(screen.getByTestId('signal-list')).toHaveTextContent('Shift: 7 points');
    const run = screen.getByTestId('run-chart');
    expect(run.querySelectorAll('svg')).toHaveLength(1);
    expect(run.querySelectorAll('.signal-point circle')).toHaveLength(14);
    expect(screen.getByTestId('xmr-chart').querySelectorAll('svg')).toHaveLength(1);
  });

  it('records a change to the process, with new limits if asked', async () => {
    const user = userEvent.setup();
    core(measureChart, { add_measure_change: () => measureChart });
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    await user.type(await screen.findByLabelText('What changed'), 'New pathway live');
    await user.type(document.getElementById('change_date-day')!, '2');
    await user.type(document.getElementById('change_date-month')!, '11');
    await user.type(document.getElementById('change_date-year')!, '2026');
    await user.click(screen.getByLabelText('Start new limits from this date'));
    await user.click(screen.getByTestId('save-change'));
    expect(call).toHaveBeenCalledWith('add_measure_change', {
      challenge_id: 11,
      measure_id: 21,
      change_date: '2026-11-02',
      label: 'New pathway live',
      rebase: true,
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Change recorded.');
  });

  it('shows no forms to someone who may not edit', async () => {
    call.mockImplementation(fakeCore({ get_challenge: () => sponsorDetail, measure_chart: () => measureChart }));
    render(MeasurePage, { challengeId: 11, measureId: 21 });
    await screen.findByTestId('run-chart');
    expect(screen.queryByTestId('save-values')).toBeNull();
    expect(screen.queryByTestId('save-change')).toBeNull();
  });

  it('shows a measure that cannot be loaded as an error', async () => {
    call.mockImplementation(
      fakeCore({
        get_challenge: () => detail,
        measure_chart: () => {
          throw apiError('not_found', 'That measure no longer exists.');
        },
      }),
    );
    render(MeasurePage, { challengeId: 11, measureId: 99 });
    expect(await screen.findByRole('alert')).toHaveTextContent('That measure no longer exists.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Measure');
  });
});
