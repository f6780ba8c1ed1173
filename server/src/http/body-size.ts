import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.js';

/**
 * Body size limit. A body announced by Content-Length (what browsers and our SDK send) is checked
 * from the header alone — Node's parser never reads past Content-Length — and later read straight
 * from Node's request stream. Anything else (chunked) goes through hono/body-limit, which counts
 * while buffering. Why not hono/body-limit for everything: it touches `c.req.raw.body`, which makes
 * @hono/node-server build a full web Request and stream per request (≈ a quarter of our CPU per
 * ingest request in profiles).
 */
export function bodySizeLimit(maxSize: number, onTooLarge: (c: Context<AppEnv>) => Response) {
  const buffered = bodyLimit({ maxSize, onError: onTooLarge });
  return createMiddleware<AppEnv>(async (c, next) => {
    const length = c.req.header('content-length');
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (incoming && length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d{1,12}$/.test(length) || Number(length) > maxSize) return onTooLarge(c);
      c.set('bodyFromIncoming', true);
      return next();
    }
    return buffered(c, next);
  });
}

/** The request body as text, from Node's stream when bodySizeLimit allowed it, else from the web Request. */
export async function readBodyText(c: Context<AppEnv>): Promise<string> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming || !c.get('bodyFromIncoming')) return c.req.text();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
