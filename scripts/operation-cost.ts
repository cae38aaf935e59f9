// Prints the depth and static cost of every README query and the GraphiQL example, next to the
// gateway's operation limits, so a change to a query or a limit shows how much margin is left.
//   npm run cost
import fs from 'node:fs';
import path from 'node:path';
import { Kind, getIntrospectionQuery, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ROOT, SUPERGRAPH_PATH } from '../gateway/src/compose.js';
import { EXAMPLE_QUERY } from '../gateway/src/example-query.js';
import { DEFAULT_OPERATION_LIMITS, apiSchemaOf, operationCost, operationDepth } from '../gateway/src/limits/index.js';

const schema = apiSchemaOf(fs.readFileSync(SUPERGRAPH_PATH, 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const sources: { source: string; text: string }[] = [
  ...[...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => ({ source: 'README', text: match[1] })),
  { source: 'example', text: EXAMPLE_QUERY },
  {
    source: 'tooling',
    text: getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    }),
  },
];

const rows: string[][] = [];
for (const { source, text } of sources) {
  const document = parse(text);
  // A block may hold several operations (the README's two stock mutations); each is measured alone.
  for (const operation of document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )) {
    const single: DocumentNode = {
      ...document,
      definitions: document.definitions.filter(
        (definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION,
      ),
    };
    const name = operation.name?.value ?? `(anonymous ${operation.operation} ${firstField(operation)})`;
    const depth = operationDepth(schema, single);
    const cost = operationCost(schema, single, {});
    rows.push([
      source,
      name,
      String(depth),
      String(cost),
      `${Math.round((100 * cost) / DEFAULT_OPERATION_LIMITS.maxCost)}%`,
    ]);
  }
}

const header = ['source', 'operation', 'depth', 'cost', 'of maxCost'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
const line = (row: string[]) =>
  row.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
console.log(line(header));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
for (const row of rows) console.log(line(row));
console.log('\nLimits (gateway/src/limits/plugins.ts DEFAULT_OPERATION_LIMITS):');
for (const [limit, value] of Object.entries(DEFAULT_OPERATION_LIMITS)) console.log(`  ${limit.padEnd(16)} ${value}`);
console.log('\nIntrospection is exempt from depth and costs nothing: the gateway answers it from its own schema.');

function firstField(operation: OperationDefinitionNode): string {
  const selection = operation.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection.name.value : '';
}
