// Types for find-chromium.mjs, so the TypeScript e2e harness shares the one Chromium lookup.
export function findChromium(): { path: string; source: string } | null;
export function chromiumOrExit(): string;
export const CHROMIUM_ARGS: readonly string[];
export const INSTALL_HINT: string;
