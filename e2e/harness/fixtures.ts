import { test as base, type Fixtures } from '@playwright/test';
import type { ConsentServer } from './consent-server.js';
import { type DemoSitesHandle, type DemoStack, startDemoStack } from './demo-stack.js';
import { installPageObserver } from './page-observer.js';
import { type SubjectWatcher, watchSubjects } from './subject-watcher.js';

export interface HarnessWorkerFixtures {
  /** The server process and the demo sites, shared by the tests of one worker. */
  demoStack: DemoStack;
  /** The real consent server (temporary SQLite, free port, admin token). */
  server: ConsentServer;
  /** Service Desk and Status Portal, pointed at `server`. */
  sites: DemoSitesHandle;
}

export interface HarnessTestFixtures {
  /** Subjects the SDK creates in this test's browser context (with their tokens). */
  subjects: SubjectWatcher;
  /** Installs the page observer in every page; brings the server back if a test stopped it. */
  harness: undefined;
}

/**
 * The suite's `test`: each test gets a fresh browser context (fresh IndexedDB: a new visitor);
 * the server and sites are per worker.
 *
 * @example
 * import { expect, test } from './harness/fixtures.js';
 * test('…', async ({ page, sites, server, subjects }) => { await page.goto(sites.serviceDesk.url()); });
 */
export const test = base.extend<HarnessTestFixtures, HarnessWorkerFixtures>({
  ...demoStackFixtures(),
  harness: [
    async ({ context, server }, use) => {
      await context.addInitScript(installPageObserver);
      await use(undefined);
      if (!server.running) await server.start();
    },
    { auto: true },
  ],
  subjects: async ({ context, server }, use) => {
    await use(await watchSubjects(context, server.url));
  },
});

/**
 * The worker fixtures alone (server and sites, no browser): also the base of the Firefox suite, whose
 * browser is not Playwright's.
 */
export function demoStackFixtures(): Fixtures<object, HarnessWorkerFixtures> {
  return {
    demoStack: [
      // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
      async ({}, use) => {
        const stack = await startDemoStack();
        await use(stack);
        await stack.dispose();
      },
      // Up to 60 s waiting for a quiet SDK build, then the server's cold start.
      { scope: 'worker', timeout: 90_000 },
    ],
    server: [async ({ demoStack }, use) => use(demoStack.server), { scope: 'worker' }],
    sites: [async ({ demoStack }, use) => use(demoStack.sites), { scope: 'worker' }],
  };
}

export { expect } from '@playwright/test';
