// A gateway with no subgraph behind it, for what it serves by itself (the catalogue, the console):
// the committed supergraph, test keys, and its base URL (no /graphql).
import { generateTestKeyPair, type KeyPair } from '../../shared/auth.js';
import { SUPERGRAPH_PATH } from '../../gateway/src/compose.js';
import { defaultAuthConfig, defaultEdgeConfig, type AuthConfig } from '../../gateway/src/config.js';
import { createGateway } from '../../gateway/src/gateway.js';

/** Starts it on port 0; `issuer` is the local development key (omit it in production mode). */
export async function startGatewayAlone(
  auth: Partial<AuthConfig>,
  issuer?: KeyPair,
): Promise<{ base: string; close: () => Promise<unknown> }> {
  const gateway = await createGateway(
    {
      host: '127.0.0.1',
      port: 0,
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: {},
      subgraphTimeoutMs: 1000,
      logLevel: 'silent',
      auth: defaultAuthConfig(auth),
      edge: defaultEdgeConfig(),
    },
    undefined,
    { localIssuer: issuer?.publicKey, localTokenIssuer: issuer, subgraphProof: await generateTestKeyPair('EdDSA') },
  );
  const { url } = await gateway.listen();
  return { base: url.replace(/\/graphql$/, ''), close: () => gateway.close() };
}
