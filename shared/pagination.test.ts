import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeTimeKey, encodeCursor, pageSize, timeKeyParts, toConnection } from './pagination.js';

describe('pageSize', () => {
  it('defaults to 20 and accepts 0..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
  });

  it('rejects sizes outside the bound with BAD_USER_INPUT', () => {
    for (const bad of [-1, 101, 1.5]) {
      expect(() => pageSize(bad)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'first' }),
        }),
      );
    }
  });
});

describe('cursors', () => {
  it('round-trip a sort key', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'ord-1']), 2)).toEqual([
      '2026-01-01T00:00:00.000Z',
      'ord-1',
    ]);
    expect(decodeCursor(undefined, 1)).toBeUndefined();
  });

  it('reject cursors that are not ours', () => {
    for (const bad of ['garbage', encodeCursor(['a']), Buffer.from('{"x":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, 2)).toThrow(/after is not a valid cursor/);
    }
  });

  it('decode time keys with string or numeric tie-breakers', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(decodeTimeKey(encodeCursor(timeKeyParts(at, 'cus-1')))).toEqual({ at, id: 'cus-1' });
    expect(decodeTimeKey(encodeCursor(timeKeyParts(at, 42)), 'number')).toEqual({ at, id: 42 });
    expect(() => decodeTimeKey(encodeCursor(timeKeyParts(at, 42)))).toThrow(/not a valid cursor/);
    expect(() => decodeTimeKey(encodeCursor(['not a date', 'x']))).toThrow(/not a valid cursor/);
  });
});

describe('toConnection', () => {
  it('uses the extra row only to tell that another page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(
      rows,
      2,
      (row) => [row.id],
      (row) => row.id.toUpperCase(),
    );
    expect(page.nodes).toEqual(['A', 'B']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    const last = toConnection(
      rows.slice(0, 2),
      2,
      (row) => [row.id],
      (row) => row.id,
    );
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(
      toConnection(
        [],
        2,
        (row: { id: string }) => [row.id],
        (row) => row,
      ).pageInfo,
    ).toEqual({ hasNextPage: false, endCursor: null });
  });
});
