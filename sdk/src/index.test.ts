// @vitest-environment happy-dom
// @vitest-environment-options {"url": "http://localhost:8081/"}
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { start } from './index.js';

/** Waits for a condition, bounded generously: lazy chunks load slowly on a loaded 2-core machine (1 s flaked). */
const until = (check: () => unknown) =>
  vi.waitFor(() => expect(check()).toBeTruthy(), { timeout: 10_000, interval: 10 });

describe('ESM entry', () => {
  it('start() boots with the real UI and translation chunks', async () => {
    document.documentElement.lang = 'fr';
    const api = await start({ site: 'esm', 'policy-version': 'v1', jurisdiction: 'gdpr' });
    const accept = () =>
      document
        .querySelector('coreconsent-ui')
        ?.shadowRoot?.querySelector<HTMLButtonElement>('[data-action="accept-all"]');
    await until(accept);
    expect(accept()?.textContent).toBe('Tout accepter');
    accept()?.click();
    await until(() => api.get().decided);
    expect(api.get()).toMatchObject({ method: 'accept-all', decided: true });
    const csv = await api.export('csv');
    expect(csv.body.split('\n')[1]).toContain('accept-all');
  });

  it('start() rejects a bad attribute, naming it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(start({ site: 'esm' })).rejects.toThrow('data-policy-version: is required');
  });
});
