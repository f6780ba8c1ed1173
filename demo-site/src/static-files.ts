import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the request says about encodings and the copy the browser already has. */
export interface StaticRequest {
  acceptEncoding?: string | undefined;
  ifNoneMatch?: string | undefined;
  head: boolean;
}

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * A file name carrying a content hash (`name.0a1B2c3D.js`, as rollup's `[name].[hash].js` writes) never
 * changes content, so a CDN and the browser may keep it for a year without asking again. Every other
 * file keeps its stable name across releases (the script tag's `coreconsent.js`): the demo makes the
 * browser revalidate it each time (`no-cache` + ETag, answered `304` when unchanged), so a rebuilt SDK
 * shows on reload; a production CDN would give it a short max-age instead.
 */
// A dot before the hash: `-` separates words in our stable names (`coreconsent-lang-pt-PT.js`).
const HASHED_NAME = /\.[A-Za-z0-9_-]{8,}\.(?:js|mjs|css)$/;
export const cacheControlFor = (file: string) =>
  HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';

/** Brotli first (smaller for JS), then gzip, as the browser accepts them (`q=0` refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

interface Variant {
  body: Buffer;
  etag: string;
}
/** Compressed copies, made once per file version (path + size + mtime), as a CDN keeps them. */
const variants = new Map<string, Promise<Variant>>();
// Text assets only: worth compressing (binary ones are not served here).
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);

function variantOf(file: string, version: string, encoding: Encoding): Promise<Variant> {
  const key = `${file}\0${version}\0${encoding}`;
  let found = variants.get(key);
  if (!found) {
    // A rebuilt file: forget its older versions' copies.
    for (const old of variants.keys())
      if (old.startsWith(`${file}\0`) && !old.startsWith(`${file}\0${version}\0`)) variants.delete(old);
    found = readFile(file).then((raw) => {
      const body =
        encoding === 'br'
          ? brotliCompressSync(raw, {
              params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
            })
          : encoding === 'gzip'
            ? gzipSync(raw, { level: 9 })
            : raw;
      // A strong ETag per representation: the content hash plus the encoding.
      const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 22);
      return { body, etag: `"${hash}-${encoding}"` };
    });
    found.catch(() => variants.delete(key));
    variants.set(key, found);
  }
  return found;
}

/**
 * Serves `relativePath` from `baseDir`, or answers `false` when there is no such file. Only regular
 * files inside `baseDir` with a known type are served (no traversal, no listings). Bodies are sent
 * brotli- or gzip-compressed when the browser accepts it (what a CDN sends, so the demo's bytes on the
 * wire are a real deployment's), with `Vary: Accept-Encoding`, a strong ETag, and the cache policy above.
 */
export async function serveStatic(
  res: ServerResponse,
  baseDir: string,
  relativePath: string,
  request: StaticRequest,
): Promise<boolean> {
  const root = resolve(baseDir);
  const file = resolve(join(root, relativePath));
  const type = CONTENT_TYPES[extname(file)];
  if (!file.startsWith(root + sep) || type === undefined) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const encoding = COMPRESSIBLE.has(extname(file)) ? pickEncoding(request.acceptEncoding) : 'identity';
  const { body, etag } = await variantOf(file, `${info.size}-${info.mtimeMs}`, encoding);
  const headers: Record<string, string | number> = {
    'content-type': type,
    'cache-control': cacheControlFor(file),
    etag,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
  };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  const cached = request.ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  if (cached) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(request.head ? undefined : body);
  return true;
}
