import { beforeEach, describe, expect, it } from 'vitest';
import { CODE, questionnaire } from '../../test/feedbackReportFixtures';
import { canonicalCode, DraftStore, fitDraft, forgetExpired } from './draft';

const OTHER = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH';
const answers = { ratings: { 1: '3', 2: 'none' }, importance: { 1: '4' }, comment: 'Keep going.' };

beforeEach(() => localStorage.clear());

async function store(code: string, expires = '2027-06-30'): Promise<DraftStore> {
  const s = await DraftStore.open(code, expires);
  expect(s).not.toBeNull();
  return s!;
}

describe('canonicalCode', () => {
  it('forgives spaces, dashes and case, and reads O, I and L as digits, as the core does', () => {
    expect(canonicalCode(' 7k3qx-9m2pa ol i ')).toBe('7K3QX9M2PA011');
  });
});

describe('DraftStore', () => {
  it('gives back what was kept, to the same code however it is typed', async () => {
    await (await store(CODE)).save(answers);
    expect(await (await store(CODE.toLowerCase().replace(/-/g, ' '))).load()).toEqual(answers);
  });

  it('keeps nothing readable: no code, no answers, and another code finds nothing', async () => {
    await (await store(CODE)).save(answers);
    expect(localStorage.length).toBe(1);
    const name = localStorage.key(0)!;
    const everything = name + localStorage.getItem(name);
    expect(everything).not.toContain(canonicalCode(CODE));
    expect(everything).not.toContain('Keep going');
    expect(everything).not.toContain('ratings');
    expect(await (await store(OTHER)).load()).toBeNull();
  });

  it('keeps only the latest answers, and nothing once nothing is chosen', async () => {
    const s = await store(CODE);
    void s.save({ ...answers, comment: 'first' });
    await s.save({ ...answers, comment: 'second' });
    expect((await s.load())?.comment).toBe('second');
    await s.save({ ratings: { 1: '' }, importance: {}, comment: ' ' });
    expect(localStorage.length).toBe(0);
  });

  it('forgets the answers when cleared, even with a save still on its way', async () => {
    const s = await store(CODE);
    void s.save(answers);
    await s.clear();
    await s.save(answers);
    expect(localStorage.length).toBe(0);
  });
});

describe('forgetExpired', () => {
  it('removes drafts whose round has closed, and leaves other entries alone', async () => {
    await (await store(CODE, '2027-06-30')).save(answers);
    await (await store(OTHER, '2027-05-31')).save(answers);
    localStorage.setItem('something-else', 'x');
    forgetExpired('2027-06-01');
    expect(localStorage.length).toBe(2);
    expect(await (await store(CODE)).load()).toEqual(answers);
    expect(await (await store(OTHER)).load()).toBeNull();
    expect(localStorage.getItem('something-else')).toBe('x');
  });
});

describe('fitDraft', () => {
  it('keeps only answers that fit the questionnaire as it is now', () => {
    const draft = { ratings: { 1: '9', 2: 'none', 3: '1' }, importance: { 1: '4', 2: 'none' }, comment: 'Hi' };
    expect(fitDraft(draft, questionnaire.questions)).toEqual({ ratings: { 2: 'none' }, importance: { 1: '4' }, comment: 'Hi' });
    const noNotObserved = { ...questionnaire.questions, allows_not_observed: false };
    expect(fitDraft(draft, noNotObserved)?.ratings).toEqual({});
    expect(fitDraft(null, questionnaire.questions)).toBeNull();
  });
});
