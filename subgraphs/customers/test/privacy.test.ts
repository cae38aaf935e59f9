import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config.js';
import { dueDate } from '../src/privacy.js';
import { loadCustomersSettings } from '../src/settings.js';
import { tombstoneHash, tombstoneKey } from '../src/tombstones.js';

describe('due dates', () => {
  it('GDPR: one calendar month, the same day or the last day of a shorter month', () => {
    expect(dueDate('GDPR', new Date('2026-03-15T10:00:00Z')).toISOString()).toBe('2026-04-15T10:00:00.000Z');
    expect(dueDate('GDPR', new Date('2026-01-31T10:00:00Z')).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(dueDate('GDPR', new Date('2028-01-31T10:00:00Z')).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(dueDate('GDPR', new Date('2026-12-31T23:00:00Z')).toISOString()).toBe('2027-01-31T23:00:00.000Z');
  });

  it('CCPA: 45 days', () => {
    expect(dueDate('CCPA', new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });
});

describe('tombstone keys', () => {
  const secret = (byte: number) => Buffer.alloc(32, byte);

  it('hashes an identifier per key and type, never showing the value', () => {
    const [a, b] = [tombstoneKey(secret(1)), tombstoneKey(secret(2))];
    const hash = tombstoneHash(a, 'EMAIL', 'ada@example.org');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tombstoneHash(a, 'EMAIL', 'ada@example.org')).toBe(hash);
    expect(tombstoneHash(b, 'EMAIL', 'ada@example.org')).not.toBe(hash);
    expect(tombstoneHash(a, 'LOYALTY_ID', 'ada@example.org')).not.toBe(hash);
    expect(a.id).not.toBe(b.id);
  });

  it('takes the key from the environment (current first, previous ones after), or generates one once into the keys folder', () => {
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-tombstone-'));
    try {
      const generated = loadCustomersSettings({ MESH_KEYS_DIR: keysDir });
      expect(fs.statSync(path.join(keysDir, 'privacy-tombstone.key')).mode & 0o777).toBe(0o600);
      expect(loadCustomersSettings({ MESH_KEYS_DIR: keysDir }).tombstoneKeys[0].id).toBe(generated.tombstoneKeys[0].id);
      const configured = loadCustomersSettings({
        MESH_KEYS_DIR: keysDir,
        PRIVACY_TOMBSTONE_KEY: secret(3).toString('hex'),
        PRIVACY_TOMBSTONE_PREVIOUS_KEYS: `${secret(4).toString('base64')},${secret(5).toString('hex')}`,
      });
      expect(configured.tombstoneKeys.map((key) => key.id)).toEqual(
        [3, 4, 5].map((byte) => tombstoneKey(secret(byte)).id),
      );
    } finally {
      fs.rmSync(keysDir, { recursive: true, force: true });
    }
  });

  it('refuses a short key at start-up', () => {
    expect(() => loadCustomersSettings({ PRIVACY_TOMBSTONE_KEY: 'abcd' })).toThrow(ConfigError);
  });
});
