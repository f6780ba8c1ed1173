// Every file a page downloads, as the bench sees it on the network: URL, status, content type, decoded size and
// gzip -9 size of the decoded body (the definition of a library's bytes, independent of how a server would
// compress it). Also tells when the network has been quiet, so "before the person acts" includes whatever a library
// loads on its own at idle, not just what it fetched before its banner appeared.
import { gzipSync } from 'node:zlib';

/** @typedef {{ url: string, status: number, type: 'js' | 'css' | 'html' | 'other', bytes: number, gzip: number }} FetchedFile */

const typeOf = (contentType) =>
  /javascript|ecmascript/.test(contentType)
    ? 'js'
    : /css/.test(contentType)
      ? 'css'
      : /html/.test(contentType)
        ? 'html'
        : 'other';

/** Starts logging `page`'s network. Attach before navigating. */
export function logNetwork(page) {
  /** @type {Promise<FetchedFile>[]} */
  const files = [];
  let inFlight = 0;
  let lastActivity = performance.now();
  const touch = () => {
    lastActivity = performance.now();
  };
  page.on('request', () => {
    inFlight++;
    touch();
  });
  const done = () => {
    inFlight--;
    touch();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (response) => {
    touch();
    const type = typeOf(response.headers()['content-type'] ?? '');
    // Read the body at once: after the page closes it is gone.
    files.push(
      response.body().then(
        (body) => ({
          url: response.url(),
          status: response.status(),
          type,
          bytes: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        }),
        () => ({ url: response.url(), status: response.status(), type, bytes: 0, gzip: 0 }),
      ),
    );
  });
  return {
    /** The files whose responses have arrived so far (a snapshot: later ones are not included). */
    snapshot: () => Promise.all([...files]),
    /** Resolves once no request has been in flight for `quietMs` (rejects after `timeoutMs`). */
    async quiet(quietMs, timeoutMs) {
      const until = performance.now() + timeoutMs;
      while (inFlight > 0 || performance.now() - lastActivity < quietMs) {
        if (performance.now() > until) throw new Error(`the network was never quiet for ${quietMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** gzip -9 bytes of the given file types among `files`. */
export const gzipOf = (files, types) =>
  files.filter((f) => types.includes(f.type)).reduce((sum, f) => sum + f.gzip, 0);
