/** The e2e harness: fixtures and helpers, also used by the extension's specs. See e2e/README.md. */

export { type AxeAudit, axeAudit, axeViolations } from './axe.js';
export { CHROMIUM_ARGS, chromiumExecutable } from './chromium.js';
export * from './consent-page.js';
export { type ConsentServer, startConsentServer } from './consent-server.js';
export { type DemoSite, type DemoSitesHandle, type DemoStack, startDemoStack } from './demo-stack.js';
export { type ExtensionContext, launchExtensionContext } from './extension-context.js';
export { expect, type HarnessTestFixtures, type HarnessWorkerFixtures, test } from './fixtures.js';
export { enableGpc, installPageObserver } from './page-observer.js';
export { type ServerApi, serverApi } from './server-api.js';
export { type SubjectCredentials, type SubjectWatcher, watchSubjects } from './subject-watcher.js';
