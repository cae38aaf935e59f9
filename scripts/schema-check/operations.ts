// The operations the mesh is known to serve, and the schema coordinates each one uses. Three
// sources: the gateway's trusted-documents manifest (every README block, the GraphiQL example and
// the campaigns service's own operations), the GraphQL in the tests' string and template literals,
// and the operations a client commits under clients/<client>/**/*.graphql.
import fs from 'node:fs';
import path from 'node:path';
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  parse,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import ts from 'typescript';

/** One recorded operation document: where it was found and what it is called. */
export interface RecordedOperation {
  /** The operation names in the document, or `anonymous`. */
  name: string;
  /** Repository-relative file, with `:line` for a literal in a test. */
  source: string;
  document: DocumentNode;
}

export const TRUSTED_DOCUMENTS = 'gateway/trusted-documents.json';
/** Where a client (the console, a storefront) commits the operations it sends. */
export const CLIENT_OPERATIONS = 'clients';
/** Folders whose `*.test.ts` files hold operations run against the mesh. */
const TEST_FOLDERS = ['test', 'gateway/test', 'subgraphs'];

/** The first word a GraphQL document can start with; other literals are not worth parsing. */
const LOOKS_LIKE_GRAPHQL = /^\s*(?:query|mutation|subscription|fragment)\b|^\s*\{\s*[_A-Za-z]/;

function parsed(text: string): DocumentNode | undefined {
  try {
    const document = parse(text);
    return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)
      ? document
      : undefined;
  } catch {
    return undefined; // not GraphQL after all, or deliberately broken: a test of the parser's refusal
  }
}

function operationName(document: DocumentNode): string {
  const names = document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? 'anonymous'] : [],
  );
  return names.join(', ');
}

function recorded(text: string, source: string): RecordedOperation[] {
  const document = parsed(text);
  return document ? [{ name: operationName(document), source, document }] : [];
}

/**
 * The GraphQL documents in a TypeScript file's string and template literals. A substitution
 * (`${id}`) becomes the text of a constant declared in the same file when it names one, and the
 * name `null` otherwise, which parses wherever a value, a name or a field can stand.
 */
export function operationsInTypeScript(source: string, file: string): RecordedOperation[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const constants = new Map<string, string>();
  const textOf = (node: ts.Node): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return (
        node.head.text +
        node.templateSpans
          .map((span) => {
            const inlined = ts.isIdentifier(span.expression) ? constants.get(span.expression.text) : undefined;
            return (inlined ?? 'null') + span.literal.text;
          })
          .join('')
      );
    }
    return undefined;
  };
  const literals: ts.Node[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const text = textOf(node.initializer);
      if (text !== undefined) constants.set(node.name.text, text);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      literals.push(node);
      return;
    }
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
  return literals.flatMap((node) => {
    const text = textOf(node)!;
    if (!LOOKS_LIKE_GRAPHQL.test(text)) return [];
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    return recorded(text, `${file}:${line}`);
  });
}

function filesUnder(root: string, folder: string, suffix: string): string[] {
  if (!fs.existsSync(path.join(root, folder))) return [];
  return (fs.readdirSync(path.join(root, folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith(suffix) && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(folder, file).split(path.sep).join('/'))
    .sort();
}

/** Every recorded operation of the working tree at `root`. */
export function recordedOperations(root: string): RecordedOperation[] {
  const operations: RecordedOperation[] = [];
  const manifest = path.join(root, TRUSTED_DOCUMENTS);
  if (fs.existsSync(manifest)) {
    const { documents } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { documents: Record<string, string> };
    for (const text of Object.values(documents)) operations.push(...recorded(text, TRUSTED_DOCUMENTS));
  }
  for (const folder of TEST_FOLDERS) {
    for (const file of filesUnder(root, folder, '.test.ts')) {
      operations.push(...operationsInTypeScript(fs.readFileSync(path.join(root, file), 'utf8'), file));
    }
  }
  for (const file of filesUnder(root, CLIENT_OPERATIONS, '.graphql')) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const document = parsed(text);
    if (!document) throw new Error(`${file} is not a valid GraphQL document`);
    operations.push({ name: operationName(document), source: file, document });
  }
  return operations;
}

/**
 * The schema coordinates an operation uses in `schema`: every type it touches (`Customer`), field
 * (`Customer.email`), argument it passes (`Query.customer.id`), input field it writes
 * (`CustomerFilter.country`), enum value it can send or receive (`ConsentChannel.EMAIL`) and
 * directive (`@include`). What the schema does not know is left out (a deliberately invalid test
 * document, or a field new since the base). A variable of an input type may carry any of that
 * type's fields and values, so it uses them all; so does a field returning an enum, since a client
 * may handle each value.
 */
export function coordinatesOf(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const useEnum = (type: GraphQLType) => {
    const named = getNamedType(type);
    if (isEnumType(named)) for (const value of named.getValues()) used.add(`${named.name}.${value.name}`);
  };
  const useInputType = (type: GraphQLInputType, seen = new Set<string>()) => {
    const named = getNamedType(type);
    if (seen.has(named.name)) return;
    seen.add(named.name);
    used.add(named.name);
    useEnum(named);
    if (isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) {
        used.add(`${named.name}.${field.name}`);
        useInputType(field.type, seen);
      }
    }
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        used.add(parent.name);
        used.add(`${parent.name}.${field.name}`);
        used.add(getNamedType(field.type).name);
        useEnum(field.type);
      },
      Argument(node) {
        const directive = typeInfo.getDirective();
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!typeInfo.getArgument()) return;
        if (directive) used.add(`@${directive.name}.${node.name.value}`);
        else if (parent && field) used.add(`${parent.name}.${field.name}.${node.name.value}`);
        const type = typeInfo.getInputType();
        if (type) used.add(getNamedType(type).name);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (!parent || !typeInfo.getInputType()) return;
        used.add(`${getNamedType(parent).name}.${node.name.value}`);
        used.add(getNamedType(typeInfo.getInputType()!).name);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type) used.add(`${getNamedType(type).name}.${node.value}`);
      },
      Directive(node) {
        used.add(`@${node.name.value}`);
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type) useInputType(type as GraphQLInputType);
      },
      NamedType(node) {
        if (schema.getType(node.name.value)) used.add(node.name.value);
      },
    }),
  );
  return used;
}
