import { type AnyConsentRecord, AnyConsentRecordSchema, formatIssues, PURPOSES } from '@coreitsm/protocol';
import { expect, type Locator, type Page } from '@playwright/test';
import type {} from './sdk-globals.js';

/** Playwright's CSS engine pierces open shadow roots, so these find the SDK's UI inside `<coreconsent-ui>`. */
export const ui = {
  action: (page: Page, action: 'accept-all' | 'reject-all' | 'customize' | 'save') =>
    page.locator(`coreconsent-ui [data-action="${action}"]`),
  purpose: (page: Page, purpose: string) => page.locator(`coreconsent-ui [data-purpose="${purpose}"]`),
  /** The banner is shown when its "Customize" button is (the preference center has none). */
  banner: (page: Page): Locator => page.locator('coreconsent-ui [data-action="customize"]'),
  /** The preference center is shown when its "Save" button is. */
  preferences: (page: Page): Locator => page.locator('coreconsent-ui [data-action="save"]'),
};

/** Waits for `coreconsent:ready` (recorded by the page observer, so an early event is not missed). */
export async function waitForReady(page: Page, timeout = 15_000): Promise<void> {
  // 15 s: ready may legitimately wait for the SDK's 3 s storage timeout on a loaded machine.
  await page.waitForFunction(
    () => window.__e2e?.events.some((e) => e.type === 'coreconsent:ready') === true,
    null,
    {
      timeout,
    },
  );
}

/** `window.demoTags` as the demo's tags set it: which gated tags ran on this page. */
export async function ranTags(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate(() => ({ ...(window.demoTags ?? {}) }));
}

/** Asserts that exactly `expected` of the demo's gated tags have run (eventually, for the ones that should). */
export async function expectTagsRan(page: Page, expected: readonly string[]): Promise<void> {
  const all = ['analytics', 'functional', 'marketing', 'video'];
  await expect
    .poll(async () => {
      const tags = await ranTags(page);
      return all.filter((t) => tags[t] === true);
    })
    .toEqual(all.filter((t) => expected.includes(t)));
  // The "tags that ran" panel shows the same thing a visitor sees.
  for (const tag of all) {
    await expect(page.locator(`#tags-ran [data-tag="${tag}"]`)).toHaveCount(expected.includes(tag) ? 1 : 0);
  }
}

/** `CoreConsent.history()`: the local IndexedDB history, each record checked against the contract's schema. */
export async function localHistory(page: Page): Promise<AnyConsentRecord[]> {
  const raw = await page.evaluate(async () => {
    const api = window.CoreConsent;
    if (!api) throw new Error('window.CoreConsent is missing');
    return JSON.parse(JSON.stringify(await api.history())) as unknown;
  });
  return parseHistory(raw);
}

/** What `CoreConsent.history()` answered, each record checked against the contract's schema, oldest first. */
export function parseHistory(raw: unknown): AnyConsentRecord[] {
  if (!Array.isArray(raw))
    throw new Error(`CoreConsent.history() answered ${JSON.stringify(raw)}, not an array`);
  return raw
    .map((item, index) => {
      const parsed = AnyConsentRecordSchema.safeParse(item);
      if (!parsed.success)
        throw new Error(`history()[${index}] is not a contract record: ${formatIssues(parsed.error)}`);
      return parsed.data;
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** `CoreConsent.get()` serialized. */
export async function currentState(page: Page): Promise<unknown> {
  return page.evaluate(
    async () => JSON.parse(JSON.stringify((await window.CoreConsent?.get()) ?? null)) as unknown,
  );
}

/** The choices of the current state, whatever the exact shape of `get()` (`{choices}` or the choices map itself). */
export async function currentChoices(page: Page): Promise<Record<string, string>> {
  const state = await currentState(page);
  if (
    state &&
    typeof state === 'object' &&
    'choices' in state &&
    state.choices &&
    typeof state.choices === 'object'
  ) {
    return state.choices as Record<string, string>;
  }
  return (state ?? {}) as Record<string, string>;
}

/** CSP violations seen by the page (the demo sites send a strict CSP; the SDK must cause none). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__e2e?.csp ?? [])]);
}

/** Describes the focused element, looking through shadow roots. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inUi = false;
    while (el?.shadowRoot?.activeElement) {
      if (el.localName === 'coreconsent-ui') inUi = true;
      el = el.shadowRoot.activeElement;
    }
    if (el?.localName === 'coreconsent-ui') inUi = true;
    const style = el ? getComputedStyle(el) : null;
    return {
      /** A visible focus indicator: an outline or a focus ring drawn with box-shadow. */
      ring:
        style !== null &&
        ((style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none'),
      tag: el?.localName ?? null,
      action: el?.getAttribute('data-action') ?? null,
      purpose: el?.getAttribute('data-purpose') ?? null,
      coreconsent: el?.getAttribute('data-coreconsent') ?? null,
      text: (el?.textContent ?? '').trim().slice(0, 80),
      inUi,
      inDialog: Boolean(el?.closest('[role="dialog"], dialog')),
    };
  });
}

/** Presses Tab until `predicate` holds for the focused element; fails after `max` presses. */
export async function tabUntil(
  page: Page,
  predicate: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 60,
  key = 'Tab',
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (predicate(f)) return;
    seen.push(`${f.tag}${f.action ? `[${f.action}]` : ''}${f.purpose ? `[${f.purpose}]` : ''} "${f.text}"`);
  }
  throw new Error(`focus never reached the target after ${max} × ${key}; visited: ${seen.join(' → ')}`);
}

/**
 * The choices in the SDK's synchronous copy of the decision (the `coreconsent_decision_<siteId>` cookie,
 * sdk/src/critical/decision-copy.ts: `days|jurisdiction|policy|method|granted bits in protocol order|origin
 * tag|day written`), read from a `document.cookie` string; null without one. Only the choices: what a test asks of it.
 */
export function copiedChoices(cookies: string, siteId: string): Record<string, string> | null {
  const prefix = `coreconsent_decision_${siteId}=`;
  const value = cookies
    .split(/;\s*/)
    .find((c) => c.startsWith(prefix))
    ?.slice(prefix.length);
  const fields = value?.split('|');
  if (fields?.length !== 7) return null;
  const bits = Number(fields[4]);
  return Object.fromEntries(PURPOSES.map((p, i) => [p, bits & (1 << i) ? 'granted' : 'denied']));
}

/**
 * Whether the demo's analytics tag ran on this page at any moment of its life: a tag that ran cannot be unloaded,
 * so its mark (`window.demoTags.analytics`) or its released `<script>` stays. Self-contained, for `page.evaluate`
 * in Playwright and puppeteer alike.
 */
export function analyticsTagRan(): boolean {
  return (
    window.demoTags?.analytics === true ||
    document.querySelector('script[data-consent="analytics"][data-consent-released]') !== null
  );
}
