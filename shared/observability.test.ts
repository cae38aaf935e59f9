import { describe, expect, it } from 'vitest';
import { operationLabel, requestIdOf, traceIdOf } from './observability.js';

describe('request ids, trace ids and operation labels', () => {
  it('keeps a well-formed request id and replaces anything else', () => {
    expect(requestIdOf('6b1f6c1e-gw-42')).toBe('6b1f6c1e-gw-42');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak'])
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads the trace id of a W3C traceparent and ignores malformed or all-zero ones', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(traceIdOf('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdOf('garbage')).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
  });

  it('turns a missing or odd operation name into "anonymous"', () => {
    expect(operationLabel('CustomerCard')).toBe('CustomerCard');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('cus-0000001')).toBe('anonymous');
    expect(operationLabel(42)).toBe('anonymous');
  });
});
