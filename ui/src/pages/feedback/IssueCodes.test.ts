import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { IssuedCode } from '$lib/api';
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

  describe('when the programme sends email', () => {
    const code = (n: number, emailed: boolean): IssuedCode => ({
      ...issuedCodes[0],
      nomination_id: 100 + n,
      rater_name: `Rater ${n}`,
      rater_email: `rater${n}@nhs.net`,
      code: `CODE${n}`,
      emailed,
    });
    async function issue(codes: IssuedCode[]) {
      const user = userEvent.setup();
      call.mockImplementation(fakeCore({ issue_invitation_codes: () => codes }));
      render(IssueCodes, { roundId: 41, onIssued: () => {} });
      await user.click(screen.getByTestId('issue-codes'));
      await screen.findByTestId('issued-codes');
    }

    it('says every code was emailed, and still shows them all', async () => {
      await issue(Array.from({ length: 10 }, (_, i) => code(i, true)));
      expect(screen.getByTestId('codes-emailed')).toHaveTextContent('The codes were emailed to 10 raters.');
      expect(screen.getAllByTestId('code')).toHaveLength(10);
      expect(screen.getAllByTestId('code-emailed')).toHaveLength(10);
    });

    it('says how many were emailed when only some were, and which', async () => {
      await issue([code(1, true), code(2, false), code(3, true)]);
      expect(screen.getByTestId('codes-emailed')).toHaveTextContent(
        'The codes were emailed to 2 of 3 raters. Give the others theirs yourself.',
      );
      const rows = screen.getAllByTestId('issued-code');
      expect(rows.map((r) => within(r).queryByTestId('code-emailed') !== null)).toEqual([true, false, true]);
    });

    it('speaks of one code for one rater', async () => {
      await issue([code(1, true)]);
      expect(screen.getByTestId('codes-emailed')).toHaveTextContent('The code was emailed to the rater.');
    });

    it('says nothing of email when none went', async () => {
      await issue([code(1, false), code(2, false)]);
      expect(screen.queryByTestId('codes-emailed')).toBeNull();
      expect(screen.queryByTestId('code-emailed')).toBeNull();
      expect(screen.getAllByTestId('code')).toHaveLength(2);
    });
  });
});
