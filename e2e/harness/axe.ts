import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface AxeAudit {
  /** One line per violated rule and node, so a failing assertion says what to fix. */
  readonly violations: string[];
  /** How many checked nodes live inside the SDK's shadow root (proves the UI itself was audited). */
  readonly consentUiNodesChecked: number;
}

/** Runs axe (WCAG 2.0–2.2 A/AA and best practices) on the page, open shadow roots and frames included. */
export async function axeAudit(page: Page): Promise<AxeAudit> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}) at ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
  // A node inside a shadow root has a nested target: [hostSelector, selectorInsideShadow].
  const consentUiNodesChecked = results.passes
    .flatMap((rule) => rule.nodes)
    .filter((n) => {
      const [host] = n.target as unknown[];
      return Array.isArray(host) && String(host[0]).startsWith('coreconsent-ui');
    }).length;
  return { violations, consentUiNodesChecked };
}

/** The violations only (see `axeAudit`). */
export async function axeViolations(page: Page): Promise<string[]> {
  return (await axeAudit(page)).violations;
}
