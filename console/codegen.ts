// Typed operations for the console: GraphQL Code Generator's client preset over the API schema
// clients see (the supergraph without its join__/link__ machinery), from the operations committed
// under clients/console/ (the same files `npm run schema:check` guards). Each document carries its
// sha256, so the console sends ids of trusted documents rather than text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { apiSchemaOf } from '../gateway/src/limits/schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const config: CodegenConfig = {
  schema: printSchema(apiSchemaOf(fs.readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8'))),
  documents: [path.join(ROOT, 'clients/console/*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [path.join(ROOT, 'console/src/gql/')]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        // Only the types the console's operations use, so another domain's schema change does not restale it.
        onlyOperationTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', Text: 'string', ShortText: 'string' },
      },
    },
  },
};

export default config;
