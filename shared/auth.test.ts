import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createProofVerifier,
  generateTestKeyPair,
  PROOF_ISSUER,
  ProofError,
  scopesOfClaims,
  signSubgraphProof,
  type KeyPair,
} from './auth.js';

const body = '{"query":"{ __typename }"}';
const viewer = { subject: 'ana', scopes: ['pii:read', 'orders:read'] };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A proof with hand-picked header and claims, signed by `key` — what an attacker holding nothing, or a buggy gateway, might send. */
function craft(key: KeyPair, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), key.privateKeyObject).toString('base64url')}`;
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProofError);
  return { status: (err as ProofError).status, message: (err as ProofError).message };
}

describe('gateway proofs', () => {
  it('carry the subject and scopes to the subgraph they were signed for', async () => {
    const key = await generateTestKeyPair('EdDSA');
    const verify = createProofVerifier({ publicKey: key.publicKey, subgraph: 'orders' });
    expect(await verify(signSubgraphProof(key, 'orders', body, viewer), body)).toEqual(viewer);
  });

  it('refuse alg none, a tampered payload, a stretched lifetime, a future issue time and a missing claim', async () => {
    const key = await generateTestKeyPair('EdDSA');
    const verify = createProofVerifier({ publicKey: key.publicKey, subgraph: 'orders' });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: PROOF_ISSUER,
      aud: 'subgraph:orders',
      sub: 'ana',
      jti: 'x',
      iat: now,
      exp: now + 30,
      bh: '',
      scope: '',
    };

    const unsigned = `${b64({ alg: 'none' })}.${b64(claims)}.`;
    expect((await refusal(verify(unsigned, body))).status).toBe(401);

    const genuine = signSubgraphProof(key, 'orders', body, viewer).split('.');
    const tampered = `${genuine[0]}.${b64({ ...JSON.parse(Buffer.from(genuine[1], 'base64url').toString()), scope: 'privacy:admin' })}.${genuine[2]}`;
    expect(await refusal(verify(tampered, body))).toMatchObject({
      status: 401,
      message: expect.stringMatching(/signature/),
    });

    expect(
      await refusal(verify(craft(key, { alg: 'EdDSA' }, { ...claims, jti: 'long', exp: now + 3600 }), body)),
    ).toMatchObject({ message: expect.stringMatching(/lifetime/) });
    expect(
      await refusal(
        verify(craft(key, { alg: 'EdDSA' }, { ...claims, jti: 'future', iat: now + 600, exp: now + 620 }), body),
      ),
    ).toMatchObject({ message: expect.stringMatching(/future/) });
    const { sub: _sub, ...withoutSubject } = claims;
    expect(await refusal(verify(craft(key, { alg: 'EdDSA' }, withoutSubject), body))).toMatchObject({
      message: expect.stringMatching(/missing claims/),
    });
    expect((await refusal(verify('a.b', body))).status).toBe(401);
    expect((await refusal(verify('!!!.???.###', body))).status).toBe(401);
  });
});

describe('scopes of a token', () => {
  it('reads a space-separated scope string or an scp array', () => {
    expect(scopesOfClaims({ scope: 'a b  c' })).toEqual(['a', 'b', 'c']);
    expect(scopesOfClaims({ scp: ['a', 1, 'b'] })).toEqual(['a', 'b']);
    expect(scopesOfClaims({})).toEqual([]);
  });
});
