import type { SdkConfig } from '../core/types.js';
import type { Runtime } from '../runtime/consent-runtime.js';
import { pullServerRecords } from './pull-state.js';

/** Pull the server's view (a revocation made elsewhere applies now), then deliver the outbox. */
export async function syncWithServer(runtime: Runtime, config: SdkConfig): Promise<void> {
  await runtime.refreshCaches();
  if (!runtime.api || !runtime.sync) return;
  try {
    const subject = await runtime.store.subject();
    if (subject?.token && subject.api === config.api) {
      const imported = await pullServerRecords(runtime.store, runtime.api, subject.token, config.siteId);
      for (const record of imported) runtime.adopt(record);
    }
  } catch {
    // Server down or unreachable: the local decision stands; the next load pulls again.
  }
  await runtime.sync.flush();
}
