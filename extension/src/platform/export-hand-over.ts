import { type ExportFileDelivery, MessageError } from '@coreitsm/protocol';
import * as z from 'zod/mini';

/** The part of a runtime message's sender this needs: the asking page's URL. */
const AskerSchema = z.object({ url: z.string() });

/** What a service worker's `clients` offers (the extension's tsconfig has no WebWorker lib). */
interface WindowClients {
  matchAll(options: {
    type: 'window';
    includeUncontrolled: boolean;
  }): Promise<readonly { url: string; postMessage(message: unknown): void }[]>;
}

/**
 * `BackgroundDeps.handOverExport`. Chrome's runtime messages are JSON (a Blob would arrive as `{}`,
 * and text is copied several times on the way), but its service worker can post to its own pages
 * with structured clone, which passes a Blob by reference: posted to every window of the extension
 * at the asking page's URL (the popup), which keeps only its own `delivery`. Firefox runs the
 * background as a page (no `clients`) and its runtime messages are structured clones: answer it.
 */
export async function handOverExport(asker: unknown, delivery: ExportFileDelivery): Promise<boolean> {
  const clients = (globalThis as { clients?: WindowClients }).clients;
  if (clients === undefined) return false;
  const from = z.safeParse(AskerSchema, asker);
  if (!from.success) throw new MessageError('failed', 'the export has no page to go to');
  const pages = (await clients.matchAll({ type: 'window', includeUncontrolled: true })).filter(
    (client) => client.url === from.data.url,
  );
  if (pages.length === 0) throw new MessageError('failed', 'the page that asked for the export is gone');
  for (const page of pages) page.postMessage(delivery);
  return true;
}
