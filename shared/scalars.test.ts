import { parse, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findUnsafeId } from './id-inputs.js';
import { DateScalar, DateTimeScalar, EmailScalar, PhoneScalar, ShortTextScalar, TextScalar } from './scalars.js';
import { buildSubgraphSchema } from '@apollo/subgraph';

function refusal(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected the value to be refused');
}

describe('DateTime', () => {
  it('reads RFC 3339 date-times with Z or an offset, exactly', () => {
    expect(DateTimeScalar.parseValue('2026-11-22T10:15:00Z')).toEqual(new Date(Date.UTC(2026, 10, 22, 10, 15)));
    expect(DateTimeScalar.parseValue('2024-02-29T23:59:59.999+01:00')).toEqual(
      new Date(Date.UTC(2024, 1, 29, 22, 59, 59, 999)),
    );
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([
    ['2026-02-30T00:00:00Z', /not a date in the calendar/],
    ['2025-02-29T00:00:00Z', /not a date in the calendar/],
    ['2026-13-01T00:00:00Z', /month/],
    ['0099-01-01T00:00:00Z', /year must be between 1900 and 9999/],
    ['-271821-04-20T00:00:00Z', /ISO-8601/],
    ['+275760-09-13T00:00:00Z', /ISO-8601/],
    ['2026-01-01T24:00:00Z', /not a time of day/],
    ['2026-01-01T10:00:00', /time zone/],
    ['2026-01-01', /time zone/],
    ['1700000000000', /ISO-8601/],
    ['2026-01-01T00:00:00Z\u0000', /ISO-8601/],
  ])('refuses %s with BAD_USER_INPUT, never rewriting it', (value, message) => {
    const error = refusal(() => DateTimeScalar.parseValue(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('refuses a number', () => {
    expect(refusal(() => DateTimeScalar.parseValue(1_700_000_000_000)).extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('Date', () => {
  it('keeps a real date as given and refuses impossible ones and out-of-range years', () => {
    expect(DateScalar.parseValue('1990-04-01')).toBe('1990-04-01');
    expect(DateScalar.parseValue('2000-02-29')).toBe('2000-02-29');
    for (const value of ['1900-02-29', '2026-02-30', '0099-01-01', '1990-4-1', '1990-04-01T00:00:00Z']) {
      expect(refusal(() => DateScalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('bounded text', () => {
  it('accepts text up to its limit and refuses one character more', () => {
    expect(ShortTextScalar.parseValue('x'.repeat(100))).toHaveLength(100);
    expect(refusal(() => ShortTextScalar.parseValue('x'.repeat(101))).message).toMatch(/at most 100 characters/);
    expect(TextScalar.parseValue('Zoë 😀 Ångström')).toBe('Zoë 😀 Ångström');
    expect(refusal(() => TextScalar.parseValue('x'.repeat(1_000_000))).message).toMatch(/at most 200 characters/);
  });

  it.each([
    'a\u0000b',
    'line\nbreak',
    'tab\there',
    'del\u007f',
    'c1\u0085',
    'lone \ud800 high',
    'lone \udc00 low',
    '\udc00\ud800',
  ])('refuses %j', (value) => {
    const error = refusal(() => TextScalar.parseValue(value));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', scalar: 'Text' });
  });
});

describe('Email and Phone', () => {
  it('accepts addresses and reads phones into E.164', () => {
    expect(EmailScalar.parseValue('Ava@Example.com')).toBe('Ava@Example.com');
    expect(PhoneScalar.parseValue('0049 151 1234-5678')).toBe('+4915112345678');
    expect(PhoneScalar.parseValue('+1 (415) 555-0100')).toBe('+14155550100');
  });

  it.each([
    [EmailScalar, 'not-an-email'],
    [EmailScalar, `${'a'.repeat(250)}@x.de`],
    [EmailScalar, 'a\u0000@b.de'],
    [PhoneScalar, '+0123456789'],
    [PhoneScalar, '12345'],
    [PhoneScalar, '+49151123456789012'],
  ])('refuses %s %j', (scalar, value) => {
    expect(refusal(() => scalar.parseValue(value)).extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('findUnsafeId', () => {
  const schema = buildSubgraphSchema({
    typeDefs: parse(`type Query { item(id: ID!): String  items(filter: Filter): String }
      input Filter { ids: [ID!]  nested: Nested }
      input Nested { id: ID }`),
  });

  it('finds an unsafe ID inline or in a variable, at any depth, and names where it is', () => {
    expect(findUnsafeId(schema, parse('{ item(id: "cus-1") }'))).toBeUndefined();
    expect(findUnsafeId(schema, parse('{ item(id: "a\\u0000b") }'))).toMatchObject({
      path: 'id',
      reason: expect.stringMatching(/control characters/),
    });
    expect(findUnsafeId(schema, parse('{ items(filter: { nested: { id: "" } }) }'))).toMatchObject({
      path: 'filter.nested.id',
      reason: 'must not be empty',
    });
    expect(
      findUnsafeId(schema, parse('query($f: Filter) { items(filter: $f) }'), { f: { ids: ['ok', 'x'.repeat(201)] } }),
    ).toMatchObject({ path: 'f.ids[1]' });
    expect(
      findUnsafeId(schema, parse('query($f: Filter) { ...F } fragment F on Query { items(filter: $f) }'), {
        f: { ids: ['ok'] },
      }),
    ).toBeUndefined();
  });
});
