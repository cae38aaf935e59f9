import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_TIMEOUT_MS, loadGatewayConfig } from '../src/config.js';
import { isJobMutation } from '../src/gateway.js';

const request = (text: string) => ({ document: parse(text) });

describe('the timeout of job mutations', () => {
  it('recognizes a subgraph request that runs an analytics job, and nothing else', () => {
    expect(isJobMutation(request('mutation { mineAssociationRules { ruleCount } }'))).toBe(true);
    expect(isJobMutation(request('mutation Build($id: ID!) { buildAudience(campaignId: $id) { size } }'))).toBe(true);
    expect(isJobMutation(request('mutation { recordOrder(input: { externalId: "x" }) { id } }'))).toBe(false);
    expect(isJobMutation(request('query { rfmSegments { customerCount } }'))).toBe(false);
    expect(isJobMutation(undefined)).toBe(false);
  });

  it('defaults to ten minutes and is configurable', () => {
    expect(loadGatewayConfig({}, 'supergraph.graphql').jobTimeoutMs).toBe(DEFAULT_JOB_TIMEOUT_MS);
    expect(loadGatewayConfig({ SUBGRAPH_JOB_TIMEOUT_MS: '120000' }, 'supergraph.graphql').jobTimeoutMs).toBe(120_000);
    expect(() => loadGatewayConfig({ SUBGRAPH_JOB_TIMEOUT_MS: '5' }, 'supergraph.graphql')).toThrow(
      /SUBGRAPH_JOB_TIMEOUT_MS/,
    );
  });
});
