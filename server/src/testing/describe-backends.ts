import { afterAll, beforeAll, describe } from 'vitest';
import type { App } from '../app.js';
import type { ServerConfig } from '../config.js';
import { BACKENDS, type TestStore, testApp } from './backends.js';
import { client } from './http-client.js';

export interface BackendContext {
  store: TestStore;
  app: App;
  http: ReturnType<typeof client>;
}

/**
 * Runs `body` once per storage backend (SQLite always, PostgreSQL when DATABASE_URL is set), each
 * with a fresh database; a skipped backend names its reason in the test output.
 */
export function describeBackends(
  name: string,
  body: (ctx: BackendContext) => void,
  config: Partial<ServerConfig> = {},
): void {
  for (const backend of BACKENDS) {
    const title = `${name} [${backend.dialect}]${backend.skipReason ? ` — skipped: ${backend.skipReason}` : ''}`;
    describe.skipIf(backend.skipReason !== undefined)(title, () => {
      const ctx = {} as BackendContext;
      beforeAll(async () => {
        ctx.store = await backend.open();
        ctx.app = testApp(ctx.store, config);
        ctx.http = client(ctx.app);
      });
      afterAll(async () => {
        await ctx.store?.cleanup();
      });
      body(ctx);
    });
  }
}
