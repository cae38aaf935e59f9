import { parse, visit, type DirectiveNode } from 'graphql';

/** The subgraph name → URL map written in a supergraph's join__graph directives. */
export function subgraphUrlsOf(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  visit(parse(supergraphSdl), {
    Directive(node) {
      const entry = joinGraphArgs(node);
      if (entry) urls[entry.name] = entry.url;
    },
  });
  return urls;
}

/**
 * Points subgraphs at other URLs without recomposing: only the url argument of
 * `@join__graph(name: "...", url: "...")` changes, so the query plan stays the same.
 */
export function withSubgraphUrls(supergraphSdl: string, overrides: Record<string, string | undefined>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) => {
    const url = overrides[name];
    return url ? `@join__graph(name: "${name}", url: ${JSON.stringify(url)})` : whole;
  });
}

function joinGraphArgs(node: DirectiveNode): { name: string; url: string } | undefined {
  if (node.name.value !== 'join__graph') return undefined;
  const value = (arg: string) => {
    const found = node.arguments?.find((a) => a.name.value === arg)?.value;
    return found && found.kind === 'StringValue' ? found.value : undefined;
  };
  const name = value('name');
  const url = value('url');
  return name && url ? { name, url } : undefined;
}
