// The one scalar layer every subgraph shares. Each scalar refuses a bad value with BAD_USER_INPUT
// before any resolver runs, and never rewrites one: 2026-02-30 is refused, not read as March 2.
// The limits here are the outer bounds of the API (documented in the README, "Input scalars");
// a domain may check a field more tightly (a consent source is at most 100 characters).
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Earliest and latest year a DateTime or Date may carry: older is a typo (0099), later is nonsense (+275760). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

function refuse(scalar: string, message: string): never {
  throw new GraphQLError(`${scalar}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', scalar } });
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored or shown safely, or undefined when it can: control characters (NUL included) and lone surrogates. */
export function unsafeTextReason(value: string): string | undefined {
  // C0 controls, DEL and C1 controls: a NUL breaks Postgres text, the others break logs and exports.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this check's purpose.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value))
    return 'must not contain control characters (such as a null byte or a line break)';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

function stringLiteral(scalar: string, ast: ValueNode): string {
  if (ast.kind !== Kind.STRING) refuse(scalar, 'must be a string');
  return ast.value;
}

/** A scalar whose wire form is a string, checked (and possibly parsed) by `parse`. */
function stringScalar<T>(
  name: string,
  description: string,
  parse: (value: string) => T,
  serialize: (value: unknown) => string,
): GraphQLScalarType<T, string> {
  const parseValue = (value: unknown): T => {
    if (typeof value !== 'string') refuse(name, 'must be a string');
    return parse(value);
  };
  return new GraphQLScalarType<T, string>({
    name,
    description,
    serialize,
    parseValue,
    parseLiteral: (ast) => {
      try {
        return parseValue(stringLiteral(name, ast));
      } catch (error) {
        // Keep the literal's node, so the server can name the argument it was written in.
        if (error instanceof GraphQLError)
          throw new GraphQLError(error.message, { nodes: ast, extensions: error.extensions });
        throw error;
      }
    },
  });
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Checks a calendar date's parts: the year within [MIN_YEAR, MAX_YEAR], a month and a day that exist. */
function checkCalendarDate(scalar: string, value: string, year: number, month: number, day: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR)
    refuse(scalar, `year must be between ${MIN_YEAR} and ${MAX_YEAR} (got "${value}")`);
  if (month < 1 || month > 12) refuse(scalar, `month must be 01 to 12 (got "${value}")`);
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) refuse(scalar, `${value.slice(0, 10)} is not a date in the calendar`);
}

// RFC 3339, the strict profile of ISO-8601: a full date, a time to the second (fraction optional) and Z or an offset.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses a strict ISO-8601 (RFC 3339) date-time; an impossible date, an out-of-range year or a missing offset is a BAD_USER_INPUT. */
export function parseDateTime(value: string): Date {
  if (value.length > 40) refuse('DateTime', 'must be an ISO-8601 date-time such as 2026-11-22T10:15:00Z');
  const match = DATE_TIME.exec(value);
  if (!match)
    refuse('DateTime', `must be an ISO-8601 date-time with a time zone, such as 2026-11-22T10:15:00Z (got "${value}")`);
  const [, year, month, day, hour, minute, second, , , sign, offsetHours, offsetMinutes] = match;
  checkCalendarDate('DateTime', value, Number(year), Number(month), Number(day));
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    refuse('DateTime', `${value} is not a time of day`);
  if (sign && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59))
    refuse('DateTime', `${value} has an impossible UTC offset`);
  const date = new Date(value);
  // The shape is checked above; Date parses it exactly (no roll-over can happen any more).
  if (Number.isNaN(date.getTime())) refuse('DateTime', `${value} is not a date-time`);
  return date;
}

function serializeDateTime(value: unknown): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
  return date.toISOString();
}

/** ISO-8601 date-time, serialized in UTC; the same scalar in every subgraph. */
export const DateTimeScalar = stringScalar<Date>(
  'DateTime',
  `An ISO-8601 (RFC 3339) date-time with Z or an offset, e.g. 2026-11-22T10:15:00Z; years ${MIN_YEAR} to ${MAX_YEAR}; answered in UTC.`,
  parseDateTime,
  serializeDateTime,
);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date YYYY-MM-DD (kept as that string); an impossible date or out-of-range year is a BAD_USER_INPUT. */
export function parseDate(value: string): string {
  const match = DATE.exec(value);
  if (!match) refuse('Date', `must be a date in the form YYYY-MM-DD (got "${value.slice(0, 40)}")`);
  checkCalendarDate('Date', value, Number(match[1]), Number(match[2]), Number(match[3]));
  return value;
}

/** A calendar date, YYYY-MM-DD, no time and no zone. */
export const DateScalar = stringScalar<string>(
  'Date',
  `A calendar date YYYY-MM-DD, e.g. 1990-04-01; years ${MIN_YEAR} to ${MAX_YEAR}.`,
  parseDate,
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
);

/** A string of at most `max` characters with no control characters and no lone surrogates (not trimmed: the domain decides that). */
export function boundedString(name: string, max: number, what: string): GraphQLScalarType<string, string> {
  return stringScalar<string>(
    name,
    `${what} At most ${max} characters; no control characters (null bytes, line breaks) and well-formed Unicode.`,
    (value) => {
      if (value.length > max) refuse(name, `must be at most ${max} characters (got ${value.length})`);
      const unsafe = unsafeTextReason(value);
      if (unsafe) refuse(name, unsafe);
      return value;
    },
    String,
  );
}

/** Limits of the bounded text scalars, in characters (UTF-16 code units). */
export const TEXT_LIMITS = { ShortText: 100, Text: 200 } as const;

export const ShortTextScalar = boundedString(
  'ShortText',
  TEXT_LIMITS.ShortText,
  'A short label: a source, a location, a key, a category, a currency or country code.',
);
export const TextScalar = boundedString(
  'Text',
  TEXT_LIMITS.Text,
  'A line of free text: a name, a city, a reference, an external id, an identity value.',
);

export const MAX_EMAIL_LENGTH = 254;
// Deliberately loose: one @, no spaces, a dot in the domain. Real validation is a confirmation mail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks an email address (length, shape, safe characters); returned as given, the customers domain normalizes it. */
export function parseEmail(value: string): string {
  if (value.length > MAX_EMAIL_LENGTH) refuse('Email', `must be at most ${MAX_EMAIL_LENGTH} characters`);
  const unsafe = unsafeTextReason(value);
  if (unsafe) refuse('Email', unsafe);
  if (!EMAIL.test(value.trim())) refuse('Email', `"${value}" is not an email address`);
  return value;
}

export const EmailScalar = stringScalar<string>(
  'Email',
  `An email address, at most ${MAX_EMAIL_LENGTH} characters; compared case-insensitively.`,
  parseEmail,
  String,
);

const E164 = /^\+[1-9]\d{7,14}$/;

/** Reads a phone number into E.164 (+ and 8 to 15 digits): spaces, dashes and parentheses are dropped, a leading 00 becomes +. */
export function parsePhone(value: string): string {
  if (value.length > 40) refuse('Phone', 'must be at most 40 characters');
  let phone = value.trim().replace(/[\s\-()]/g, '');
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  if (!E164.test(phone))
    refuse('Phone', `"${value}" is not a phone number; expected E.164, + and 8 to 15 digits, e.g. +4915112345678`);
  return phone;
}

export const PhoneScalar = stringScalar<string>(
  'Phone',
  'A phone number in E.164 form, e.g. +4915112345678 (spaces, dashes and a leading 00 are accepted on input).',
  parsePhone,
  String,
);

/** Every shared scalar by name: createSubgraphApollo adds the ones a subgraph's SDL declares. */
export const SHARED_SCALARS: Record<string, GraphQLScalarType> = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  ShortText: ShortTextScalar,
  Text: TextScalar,
  Email: EmailScalar,
  Phone: PhoneScalar,
};
