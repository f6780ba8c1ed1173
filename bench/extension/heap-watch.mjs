// Peak live JS heap while something runs, read over the DevTools protocol (Runtime.getHeapUsage): the
// service worker over the browser's DevTools port (Playwright has no CDP session for workers), the
// popup over Playwright's own session. Used by extension-bench.mjs to show that an export's memory
// stays flat: the file is made of Blob parts the browser keeps out of the JS heap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How often the heap is read (each read is a full collection first). */
const SAMPLE_MS = 10;

/**
 * The live heap: a full collection, then the used size. Without the collection the used size counts
 * garbage not yet freed, which grows with how long the work runs, not with what it keeps (measured:
 * 50–95 MB for any export of 100,000 records, 6–9 MB live).
 */
const liveHeap = (cdp) => async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};

/**
 * Reads the heap once, then every SAMPLE_MS (one request in flight at a time) until `stop()`, which
 * answers the peak above the first reading, in bytes.
 */
async function sampler(read) {
  let peak = 0;
  let running = true;
  const start = await read();
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, (await read()) - start);
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
    peak = Math.max(peak, (await read()) - start);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** A minimal DevTools protocol client over Node's WebSocket (one target). */
async function connect(url) {
  if (typeof WebSocket !== 'function')
    throw new Error('no WebSocket in this Node: run with --experimental-websocket (Node 20) or Node 22+');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`cannot open ${url}`));
  });
  let next = 0;
  const waiting = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data));
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  };
  return {
    send(method, params = {}) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => socket.close(),
  };
}

/** The extension's service worker, found by the popup's origin on the DevTools port of `profile`. */
export async function workerHeap(profile, popupUrl) {
  const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  // Node answers "null" for a chrome-extension: URL's origin.
  const origin = `${new URL(popupUrl).protocol}//${new URL(popupUrl).host}`;
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const target = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(origin));
  if (!target) throw new Error(`no service worker of ${origin} on the DevTools port`);
  const cdp = await connect(target.webSocketDebuggerUrl);
  return watchThenClose(cdp, () => cdp.close());
}

/** A page's heap over Playwright's CDP session. */
export async function pageHeap(context, page) {
  const cdp = await context.newCDPSession(page);
  return watchThenClose(cdp, () => cdp.detach());
}

/** Samples the live heap over `cdp` until `stop()`, which answers the peak and then closes the session. */
async function watchThenClose(cdp, close) {
  const watch = await sampler(liveHeap(cdp));
  return {
    async stop() {
      try {
        return await watch.stop();
      } finally {
        await close();
      }
    },
  };
}
