import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DateFieldHarness from '../../test/DateFieldHarness.svelte';

describe('DateField', () => {
  it('has Day, Month and Year boxes with the NHS ids, in a fieldset with a legend', () => {
    render(DateFieldHarness);
    expect(screen.getByRole('group', { name: /Start date/ })).toBeInTheDocument();
    for (const [label, id] of [['Day', 'start_date-day'], ['Month', 'start_date-month'], ['Year', 'start_date-year']]) {
      const input = screen.getByLabelText(label);
      expect(input).toHaveAttribute('id', id);
      expect(input).toHaveAttribute('inputmode', 'numeric');
    }
  });

  it('composes what is typed into YYYY-MM-DD', async () => {
    const user = userEvent.setup();
    render(DateFieldHarness);
    await user.type(screen.getByLabelText('Day'), '1');
    await user.type(screen.getByLabelText('Month'), '9');
    await user.type(screen.getByLabelText('Year'), '2026');
    expect(screen.getByTestId('value')).toHaveTextContent('2026-09-01');
  });

  it('sends a partial date on as typed, for the core to reject', async () => {
    const user = userEvent.setup();
    render(DateFieldHarness);
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '2026');
    expect(screen.getByTestId('value')).toHaveTextContent('2026-02-');
  });

  it('splits an existing date into the boxes, and follows a value set from outside', async () => {
    const user = userEvent.setup();
    render(DateFieldHarness, { initial: '2027-08-31' });
    expect(screen.getByLabelText('Day')).toHaveValue('31');
    expect(screen.getByLabelText('Month')).toHaveValue('8');
    expect(screen.getByLabelText('Year')).toHaveValue('2027');

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByLabelText('Day')).toHaveValue('2');
    expect(screen.getByLabelText('Month')).toHaveValue('1');
    expect(screen.getByLabelText('Year')).toHaveValue('2030');
  });

  it('always shows an example date, so that "must be a real date" is enough of an error', () => {
    const { unmount } = render(DateFieldHarness, { error: 'The start date must be a real date.' });
    const group = () => screen.getByRole('group', { name: /Start date/ });
    expect(group()).toHaveAccessibleDescription('For example, 15 3 2026 Error: The start date must be a real date.');
    unmount();
    // A caller's own hint keeps its words and gains the example...
    const second = render(DateFieldHarness, { hint: 'Optional. Leave empty while the cycle is running.' });
    expect(document.getElementById('start_date-hint')).toHaveTextContent(
      'Optional. Leave empty while the cycle is running. For example, 15 3 2026',
    );
    second.unmount();
    render(DateFieldHarness, { hint: 'The day they answered' });
    expect(document.getElementById('start_date-hint')).toHaveTextContent('The day they answered. For example, 15 3 2026');
  });

  it('keeps a hint that has an example of its own as it is', () => {
    render(DateFieldHarness, { hint: '45 days is common. For example, 15 11 2026' });
    expect(document.getElementById('start_date-hint')).toHaveTextContent(/^45 days is common\. For example, 15 11 2026$/);
  });

  it('shows its error beside the boxes and marks them', () => {
    render(DateFieldHarness, { initial: '2026-02-30', error: 'The start date must be a real date.' });
    const message = document.getElementById('start_date-error');
    expect(message).toHaveTextContent('The start date must be a real date.');
    expect(message).toHaveClass('nhsuk-error-message');
    const day = screen.getByLabelText('Day');
    expect(day).toHaveClass('nhsuk-input--error');
    expect(day.getAttribute('aria-describedby')).toContain('start_date-error');
    expect(screen.getByRole('group', { name: /Start date/ }).getAttribute('aria-describedby')).toContain('start_date-error');
  });
});
