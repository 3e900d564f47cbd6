import { describe, expect, it } from 'vitest';
import { readText } from './files';

describe('readText', () => {
  it('reads a file without file.text(), which older web views lack', async () => {
    const file = new File(['Email,Role\nsam@nhs.net,Matron\n'], 'survey.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'text', { value: undefined });
    expect(await readText(file)).toBe('Email,Role\nsam@nhs.net,Matron\n');
  });
});
