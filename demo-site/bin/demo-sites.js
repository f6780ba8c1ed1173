#!/usr/bin/env node
// Starts the two demo sites (see demo-site/README.md). `npm start` runs this file beside the server.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('demo-site is not built: run `npm run build` at the repository root first.');
  process.exit(1);
}
const { readDemoConfig, startDemoSites } = await import(entry.href);

let config;
try {
  config = readDemoConfig();
} catch (error) {
  console.error(`demo-sites: ${error.message}`);
  process.exit(2);
}
const sdk = new URL('../../sdk/dist/coreconsent.js', import.meta.url);
if (!existsSync(sdk))
  console.error(
    'warning: sdk/dist/coreconsent.js is missing; pages will load without the consent manager. Run `npm run build`.',
  );

const demo = await startDemoSites({ ports: config.ports, apiUrl: config.apiUrl }).catch((error) => {
  console.error(`demo-sites: cannot start: ${error.message}`);
  process.exit(1);
});
for (const site of demo.sites) {
  console.log(`${site.name} (siteId "${site.id}"): ${site.origin}/`);
  console.log(
    `  EU flow: ${site.origin}/?jurisdiction=gdpr   California flow: ${site.origin}/?jurisdiction=ccpa`,
  );
  console.log(`  policy: ${site.origin}/privacy   GPC support: ${site.origin}/.well-known/gpc.json`);
}
console.log(
  config.apiUrl
    ? `consent server expected at ${config.apiUrl} (its ALLOWED_ORIGINS must include ${demo.allowedOrigins})`
    : 'no consent server: the SDK runs offline-only',
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    demo.close().then(() => process.exit(0));
  });
}
