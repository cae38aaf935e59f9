// Plain node:http pieces of the gateway's and the subgraphs' servers: bounded body reading, JSON answers, draining.
import type http from 'node:http';

/**
 * Reads a request body up to `limit` bytes, refusing it as soon as it passes the limit, so a flood
 * of large bodies never sits in memory. The request is paused, not destroyed, so the caller can
 * still answer 413 before closing it. (A subgraph reads its body with for-await instead: it only
 * hears from the gateway, and the fuzz shows a paused 5 MB upload reset before its 413 arrives.)
 */
export function readBodyWithin(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => resolve('too-large'));
  });
}

/** Stops accepting connections and resolves once every open one has closed, cutting the rest after `timeoutMs`. */
export async function drainServer(server: http.Server, timeoutMs: number): Promise<{ timedOut: boolean }> {
  if (!server.listening) return { timedOut: false };
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A request that arrives on a kept-alive connection while draining is still served, but its
  // connection closes after the response so the client reconnects to another instance.
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) =>
    res.setHeader('connection', 'close'),
  );
  // close() only closes the connections idle at that moment; in-flight ones become idle later.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    server.closeAllConnections();
  }, timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  return { timedOut };
}

/** Answers with a JSON body. */
export function sendJson(res: http.ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}
