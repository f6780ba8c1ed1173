import { AnyConsentRecordSchema } from '@coreitsm/protocol';
import * as z from 'zod/mini';
import type { SdkConfig } from '../core/types.js';
import type { Runtime } from './consent-runtime.js';

// Another tab's message is input like any other: parsed before use.
const CrossTabMessageSchema = z.object({ record: AnyConsentRecordSchema });

/** Other tabs of this origin: apply their changes at once (the record rides the message, validated). */
export function connectTabs(config: SdkConfig, runtime: Runtime): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(`coreconsent:${config.siteId}`);
  let relaying = false;
  channel.onmessage = (event: MessageEvent) => {
    const parsed = CrossTabMessageSchema.safeParse(event.data);
    if (!parsed.success || parsed.data.record.siteId !== config.siteId) return;
    const record = parsed.data.record;
    // The sender stored it; a memory-only tab keeps its own copy.
    if (!runtime.store.persistent) void runtime.store.append(record, false);
    relaying = true;
    runtime.adopt(record);
    relaying = false;
  };
  runtime.onChange(() => {
    const record = runtime.latest();
    if (!relaying && record) channel.postMessage({ record });
  });
}
