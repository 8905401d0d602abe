import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: {
    from: string;
    to: string[];
    subject: string;
    html: string;
    text: string;
    attachments?: { filename: string; content: string; content_type?: string; contentType?: string }[];
  };
}

/**
 * A local stand-in for Resend's HTTP API (POST /emails), so the real SDK is exercised end to
 * end. Like Resend, a repeated Idempotency-Key returns the first answer and sends nothing new.
 * `failNext(n)` makes the next n requests answer 500; `hangNext(n)` makes the next n sends
 * never answer (as a provider that accepts the connection and then hangs), until `close()`.
 */
export async function startFakeResend(port = 0) {
  const received: ReceivedEmail[] = [];
  const byKey = new Map<string, string>();
  let failures = 0;
  let hangs = 0;
  let counter = 0;
  /** Every POST /emails that arrived, answered or not, with its key. */
  const attempts: (string | undefined)[] = [];
  const hung = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/emails') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(received));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/emails') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name: 'not_found', message: 'Not found', statusCode: 404 }));
        return;
      }
      attempts.push(req.headers['idempotency-key'] as string | undefined);
      if (hangs > 0) {
        hangs--;
        hung.add(res);
        return;
      }
      if (failures > 0) {
        failures--;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ name: 'internal_server_error', message: 'Fallo simulado', statusCode: 500 }),
        );
        return;
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      const existing = key ? byKey.get(key) : undefined;
      if (!existing) {
        received.push({
          idempotencyKey: key,
          authorization: req.headers.authorization,
          body: JSON.parse(raw),
        });
      }
      const id = existing ?? `fake-${++counter}`;
      if (key) byKey.set(key, id);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    received,
    attempts,
    failNext(n: number) {
      failures = n;
    },
    hangNext(n: number) {
      hangs = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
