// Event contracts: each domain declares the events it publishes (type, version, what the key is,
// the payload's zod schema) in its src/events/; the outbox validates every append against them
// and `npm run events` writes them out as JSON Schema, the public contract other teams read.
import { z } from 'zod';

/** One published event type at one schema version: the domain's public contract for it. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  /** The producing domain (also the NATS stream's and the log's name). */
  producer: string;
  type: string;
  version: number;
  /** What the event's key is (the owner's id it is about), for the documentation. */
  key: string;
  description: string;
  payload: S;
}

/** The payload type of a contract. */
export type PayloadOf<C extends EventContract> = z.infer<C['payload']>;

const contracts = new Map<string, EventContract>();
const contractId = (type: string, version: number) => `${type}.v${version}`;

/** Declares (and registers, so appendEvent can validate against it) one event contract. */
export function defineEvent<S extends z.ZodType>(contract: EventContract<S>): EventContract<S> {
  const id = contractId(contract.type, contract.version);
  const existing = contracts.get(id);
  // Several domains may publish one type when they share its payload schema (DataSubjectRequestProgressed).
  if (existing && existing.producer !== contract.producer && existing.payload !== contract.payload) {
    throw new Error(`Event ${id} is declared by both ${existing.producer} and ${contract.producer}`);
  }
  contracts.set(id, contract);
  return contract;
}

/** The registered contract of `type` at `version`, if any domain declared it in this process. */
export function findContract(type: string, version: number): EventContract | undefined {
  return contracts.get(contractId(type, version));
}

/** The JSON Schema document of one contract (what `npm run events` writes and CI checks). */
export function contractJsonSchema(contract: EventContract): Record<string, unknown> {
  // The payload is a sub-schema of the envelope's document, so it carries no $schema of its own.
  const { $schema: _, ...payload } = z.toJSONSchema(contract.payload, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `mesh360:${contract.producer}:${contract.type}:v${contract.version}`,
    title: `${contract.type} v${contract.version}`,
    description: contract.description,
    'x-producer': contract.producer,
    'x-key': contract.key,
    type: 'object',
    required: ['id', 'type', 'version', 'key', 'occurredAt', 'recordedAt', 'producer', 'payload'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Unique per event; consumers de-duplicate by it' },
      type: { const: contract.type },
      version: { const: contract.version },
      key: { type: 'string', description: contract.key },
      occurredAt: { type: 'string', format: 'date-time', description: 'When the fact happened in the domain' },
      recordedAt: {
        type: 'string',
        format: 'date-time',
        description: 'When the producing transaction wrote it to the outbox',
      },
      producer: { const: contract.producer },
      position: { type: 'integer', minimum: 1, description: "Position in the producer's log (commit order)" },
      payload,
    },
    additionalProperties: false,
  };
}

/** An event as consumers receive it, on either transport. */
export interface DomainEvent<P = unknown> {
  id: string;
  type: string;
  version: number;
  /** The owner's key the event is about (a customer id, an order id, a sku, ...). */
  key: string;
  occurredAt: Date;
  recordedAt: Date;
  producer: string;
  /** Position in the producer's log, assigned by its relay in commit order. */
  position: number;
  payload: P;
}

/** The JSON form of an event on the wire (dates as ISO strings). */
export interface WireEvent extends Omit<DomainEvent, 'occurredAt' | 'recordedAt'> {
  occurredAt: string;
  recordedAt: string;
}

/** Dates become ISO strings for the log endpoint and NATS. */
export const toWire = (event: DomainEvent): WireEvent => ({
  ...event,
  occurredAt: event.occurredAt.toISOString(),
  recordedAt: event.recordedAt.toISOString(),
});

/** The inverse of toWire. */
export const fromWire = (event: WireEvent): DomainEvent => ({
  ...event,
  occurredAt: new Date(event.occurredAt),
  recordedAt: new Date(event.recordedAt),
});

/** How event payloads carry a moment: an ISO 8601 string with its offset (JSON has no dates). */
export const eventTimestamp = z.iso.datetime({ offset: true });
