import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { issuedCodes } from '../../test/feedbackFixtures';
import IssueCodes from './IssueCodes.svelte';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

const pdf = { file_name: '360-invitation-codes.pdf', mime: 'application/pdf', base64: 'JVBERg==' };
const csv = { file_name: '360-invitation-codes.csv', mime: 'text/csv', base64: 'cmF0ZXI=' };

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('IssueCodes', () => {
  it('saves the codes just issued as a printable sheet and as a mail merge', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        issue_invitation_codes: () => issuedCodes,
        invitation_code_sheet: () => pdf,
        invitation_code_merge: () => csv,
      }),
    );
    saveDocument.mockResolvedValue('/home/jo/Downloads/file');
    render(IssueCodes, { roundId: 41, onIssued: () => {} });
    expect(screen.queryByTestId('code-sheet')).toBeNull();
    await user.click(screen.getByTestId('issue-codes'));
    await user.click(await screen.findByTestId('code-sheet'));
    // The codes go from this page, where they are held, to the core that checks and prints them.
    expect(call).toHaveBeenCalledWith('invitation_code_sheet', { codes: issuedCodes.map((c) => c.code) });
    expect(saveDocument).toHaveBeenCalledWith(pdf);
    await user.click(screen.getByTestId('code-merge'));
    expect(call).toHaveBeenCalledWith('invitation_code_merge', { codes: issuedCodes.map((c) => c.code) });
    expect(saveDocument).toHaveBeenCalledWith(csv);
  });
});
