// `npm run test:package -w @coreitsm/package-test` (part of `npm test`): pack protocol, sdk and server
// as `npm publish` would, list what each tarball holds, lint the tarballs (publint, attw), then install
// them into a fresh project and use them as a site owner and an operator would (fresh-project.mjs).
import { join } from 'node:path';
import { checkFreshProject } from './fresh-project.mjs';
import { lintTarballs, publishDryRun } from './lint-tarballs.mjs';
import { packPublished, ROOT } from './pack-published.mjs';
import { unintendedFiles } from './tarball-contents.mjs';

const started = Date.now();
const packed = packPublished(join(ROOT, '.tmp', 'packages'));
console.log('Tarballs (npm pack, as npm publish would send them):');
const failures = [];
for (const p of packed) {
  console.log(
    `  ${p.name}@${p.version}: ${p.files.length} files, ${(p.size / 1024).toFixed(1)} kB packed, ${(p.unpackedSize / 1024).toFixed(1)} kB unpacked`,
  );
  const unintended = unintendedFiles(p.name, p.files);
  if (unintended.length > 0) failures.push(`${p.name} ships unintended files: ${unintended.join(', ')}`);
}
failures.push(...lintTarballs(packed));
for (const { name } of packed) {
  const failure = publishDryRun(name, ROOT);
  if (failure) failures.push(failure);
}
if (failures.length > 0) {
  console.error(`✖ ${failures.join('\n✖ ')}`);
  process.exit(1);
}
console.log('Fresh project from the tarballs:');
await checkFreshProject(packed);
console.log(`✔ published packages checked (${((Date.now() - started) / 1000).toFixed(0)}s)`);
