import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `relativePath` from `baseDir`, or answers `false` when there is no such file. Only
 * regular files inside `baseDir` with a known type are served (no traversal, no listings).
 */
export async function serveStatic(
  res: ServerResponse,
  baseDir: string,
  relativePath: string,
  headOnly: boolean,
): Promise<boolean> {
  const root = resolve(baseDir);
  const file = resolve(join(root, relativePath));
  const type = CONTENT_TYPES[extname(file)];
  if (!file.startsWith(root + sep) || type === undefined) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    // Demo: always revalidate, so a rebuilt SDK is picked up on reload.
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (headOnly) {
    res.end();
    return true;
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on('error', fail).on('end', done).pipe(res);
  });
  return true;
}
