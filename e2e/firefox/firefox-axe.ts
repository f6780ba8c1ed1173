import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

// axe-core itself, injected into the page: `@axe-core/playwright` needs a Playwright page, and the
// Firefox suite drives puppeteer-core over WebDriver BiDi. Same engine and the same default rules
// as the Chromium suite's AxeBuilder (harness/axe.ts), so "axe clean" means one thing in both.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}
declare global {
  interface Window {
    axe?: { run(context: Document): Promise<{ violations: AxeViolation[]; passes: unknown[] }> };
  }
}

/** Runs axe on the page (injected once per document); one line per violated rule and node. */
export async function axeViolationsInFirefox(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const { violations, checked } = await page.evaluate(async () => {
    const results = await window.axe?.run(document);
    if (!results) throw new Error('axe did not load in the page');
    return { violations: results.violations, checked: results.passes.length };
  });
  // A page axe could not see (empty, or the script blocked) passes nothing: not a clean audit.
  if (checked === 0) throw new Error('axe checked nothing on the page');
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}) at ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
}
