import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import VerdictTag from './VerdictTag.svelte';

describe('VerdictTag', () => {
  it('says a measure with no values has none yet, rather than "Common cause"', () => {
    render(VerdictTag, { verdict: null, values: 0 });
    expect(screen.getByTestId('no-values')).toHaveTextContent('No values yet');
    expect(document.body).not.toHaveTextContent('Common cause');
    expect(document.querySelector('.nhsuk-tag')).toBeNull();
  });

  it('calls a measure with values and no signal common cause, and names a signal', () => {
    const { unmount } = render(VerdictTag, { verdict: null, values: 5 });
    expect(screen.getByText('Common cause')).toHaveClass('nhsuk-tag', 'nhsuk-tag--grey');
    unmount();
    render(VerdictTag, { verdict: 'concern', values: 20 });
    expect(screen.getByText('Concern')).toHaveClass('nhsuk-tag', 'nhsuk-tag--orange');
  });
});
