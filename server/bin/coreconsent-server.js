#!/usr/bin/env node
// The package bin: runs the compiled CLI (`npm run build` first). Kept as plain JS so `npx` needs no TypeScript.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('coreconsent-server: not built yet; run `npm run build` at the repository root');
  process.exit(1);
}
await import(entry.href);
