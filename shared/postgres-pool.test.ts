import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './db-errors.js';
import { ResilientPool } from './postgres-pool.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

class FakeClient extends EventEmitter {
  query = vi.fn(
    async (_sql: string, _parameters?: unknown[]): Promise<unknown> => ({ rows: [], command: 'SELECT', rowCount: 0 }),
  );
  release = vi.fn();
}

/** Stands in for pg.Pool: emits 'connect' for each new client, as pg-pool does. */
class FakePool extends EventEmitter {
  next: () => Promise<FakeClient> = async () => new FakeClient();
  connect = vi.fn(async () => {
    const client = await this.next();
    this.emit('connect', client);
    return client;
  });
  end = vi.fn(async () => undefined);
}

function resilient(probe: () => Promise<void> = async () => undefined) {
  const fake = new FakePool();
  const pool = new ResilientPool({
    pool: fake as unknown as pg.Pool,
    probe,
    reconnect: { initialMs: 100, maxMs: 400 },
    schema: 'test',
  });
  return { fake, pool };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ResilientPool', () => {
  it('listens for errors from idle and checked-out clients, so a dropped connection cannot crash the process', async () => {
    const { fake, pool } = resilient();
    await pool.connect();
    const client = (await fake.connect.mock.results[0]!.value) as FakeClient;
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    // EventEmitter throws an 'error' nobody listens for; these would have killed the service.
    expect(() => fake.emit('error', terminated, client)).not.toThrow();
    expect(() => client.emit('error', terminated)).not.toThrow();
  });

  it('reports a statement on a connection that died as DatabaseUnavailableError, and drops that client', async () => {
    const { fake, pool } = resilient();
    const wrapper = await pool.connect();
    const client = (await fake.connect.mock.results[0]!.value) as FakeClient;
    client.query.mockImplementationOnce(async () => {
      // pg emits the client's 'error' before the query's rejection arrives; this one carries no code.
      client.emit('error', new Error('Connection terminated unexpectedly'));
      throw new Error('Connection terminated unexpectedly');
    });
    const failure = await wrapper.query('select 1', []).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    wrapper.release();
    expect(client.release).toHaveBeenCalledWith(true);
  });

  it('passes statement errors through untouched', async () => {
    const { fake, pool } = resilient();
    const wrapper = await pool.connect();
    const client = (await fake.connect.mock.results[0]!.value) as FakeClient;
    const duplicate = Object.assign(new Error('duplicate key'), { code: '23505' });
    client.query.mockRejectedValueOnce(duplicate);
    await expect(wrapper.query('insert', [])).rejects.toBe(duplicate);
    wrapper.release();
    expect(client.release).toHaveBeenCalledWith(undefined);
  });

  it('gives Kysely the same wrapper for the same pg client, so per-connection setup runs once', async () => {
    const { fake, pool } = resilient();
    const shared = new FakeClient();
    fake.next = async () => shared;
    expect(await pool.connect()).toBe(await pool.connect());
  });

  it('after an outage fails fast, probes with back-off, and serves again once a probe connects', async () => {
    vi.useFakeTimers();
    let serverUp = false;
    const probe = vi.fn(async () => {
      if (!serverUp) throw refused();
    });
    const { fake, pool } = resilient(probe);
    await pool.connect();

    fake.next = async () => {
      throw refused();
    };
    const first = await pool.connect().catch((error: unknown) => error);
    expect(isDatabaseUnavailable(first)).toBe(true);
    expect(pool.unavailable).toBe(true);
    // While down, requests do not each wait on the dead server.
    await expect(pool.connect()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(fake.connect).toHaveBeenCalledTimes(2);

    await vi.advanceTimersByTimeAsync(100);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(2);

    serverUp = true;
    fake.next = async () => new FakeClient();
    await vi.advanceTimersByTimeAsync(400);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(pool.unavailable).toBe(false);
    await expect(pool.connect()).resolves.toBeDefined();
  });

  it('at start-up reports an unreachable server without starting an outage (the caller retries)', async () => {
    const probe = vi.fn(async () => undefined);
    const { fake, pool } = resilient(probe);
    fake.next = async () => {
      throw refused();
    };
    await expect(pool.connect()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(pool.unavailable).toBe(false);
    await expect(pool.connect()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(fake.connect).toHaveBeenCalledTimes(2);
  });

  it('rethrows configuration errors such as a wrong password as they are', async () => {
    const { fake, pool } = resilient();
    const wrongPassword = Object.assign(new Error('password authentication failed'), { code: '28P01' });
    fake.next = async () => {
      throw wrongPassword;
    };
    await expect(pool.connect()).rejects.toBe(wrongPassword);
  });

  it('stops probing when ended', async () => {
    vi.useFakeTimers();
    const probe = vi.fn(async () => {
      throw refused();
    });
    const { fake, pool } = resilient(probe);
    await pool.connect();
    fake.next = async () => {
      throw refused();
    };
    await pool.connect().catch(() => undefined);
    await pool.end();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).not.toHaveBeenCalled();
    expect(fake.end).toHaveBeenCalled();
  });
});
