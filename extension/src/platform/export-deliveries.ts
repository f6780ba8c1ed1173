import { ExportFileDeliverySchema } from '@coreitsm/protocol';
import * as z from 'zod/mini';
import type { ExportDeliveries } from '../popup/fetch-export.js';

/**
 * The popup's end of `records:export-file` in Chrome: files the background's service worker posts
 * to this page (see export-hand-over.ts), each parsed, kept by `delivery` id until asked for.
 * In Firefox nothing is posted (the answer carries the file) and this is never waited on.
 */
export function listenForExportFiles(container: ServiceWorkerContainer | undefined): ExportDeliveries {
  const waiting = new Map<string, (file: Blob) => void>();
  if (container) {
    container.addEventListener('message', (event) => {
      const parsed = z.safeParse(ExportFileDeliverySchema, event.data);
      if (parsed.success) waiting.get(parsed.data.delivery)?.(parsed.data.file);
    });
    container.startMessages(); // messages posted before this are queued until it runs
  }
  return {
    expect(delivery) {
      const file = new Promise<Blob>((resolve) => {
        waiting.set(delivery, resolve);
      });
      return {
        file,
        cancel: () => {
          waiting.delete(delivery);
        },
      };
    },
  };
}
