import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, pickEncoding, serveStatic } from './static-files.js';

// Over real HTTP (node:http, which does not decode bodies, so the bytes on the wire are what is checked).
let dir: string;
let server: Server;
let base: string;
const script = `/* the SDK */ ${'window.coreconsent = { ready: true };\n'.repeat(200)}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-static-'));
  writeFileSync(join(dir, 'coreconsent.js'), script);
  writeFileSync(join(dir, 'coreconsent-ui.3fA9_k2Z.js'), script);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    serveStatic(res, dir, path, {
      acceptEncoding: req.headers['accept-encoding'],
      ifNoneMatch: req.headers['if-none-match'],
      head: req.method === 'HEAD',
    }).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function fetchRaw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((done, fail) => {
    get(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', fail);
  });
}

describe('demo static files: compressed and cached as a CDN serves them', () => {
  it('sends brotli when accepted, the bytes decode to the file, and say so in the headers', async () => {
    const res = await fetchRaw('/coreconsent.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await fetchRaw('/coreconsent.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await fetchRaw('/coreconsent.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('answers 304 to a matching ETag, per encoding', async () => {
    const first = await fetchRaw('/coreconsent.js', { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await fetchRaw('/coreconsent.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherEncoding = await fetchRaw('/coreconsent.js', {
      'accept-encoding': 'gzip',
      'if-none-match': etag,
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('lets content-hashed chunks be kept for a year; the stable script-tag name is revalidated', async () => {
    const hashed = await fetchRaw('/coreconsent-ui.3fA9_k2Z.js');
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stable = await fetchRaw('/coreconsent.js');
    expect(stable.headers['cache-control']).toBe('no-cache');
    expect(cacheControlFor('coreconsent-lang-pt-PT.js')).toBe('no-cache');
    expect(cacheControlFor('coreconsent-shared-preferences-dialog.js')).toBe('no-cache');
  });

  it('picks encodings by the q-values the browser sends', () => {
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('gzip, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0')).toBe('identity');
    expect(pickEncoding('identity')).toBe('identity');
  });

  it('serves nothing outside its folder', async () => {
    expect((await fetchRaw('/..%2Fetc%2Fpasswd.txt')).status).toBe(404);
  });
});
