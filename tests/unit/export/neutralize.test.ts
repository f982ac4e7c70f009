import { describe, expect, it } from 'vitest';
import { needsNeutralizing, neutralizeCell } from '../../../main/export/neutralize.js';

describe('neutralizeCell (OWASP CSV injection)', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (value) => {
    expect(needsNeutralizing(value)).toBe(true);
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });
  it.each(['', 'Ada', ' =1', "'=1", '1-2', 'a@b.example', '\nx', '＝1'])('leaves %j alone', (value) => {
    expect(neutralizeCell(value)).toBe(value);
  });
});
