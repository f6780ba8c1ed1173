// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { currentState } from '../core/current-state.js';
import { testConfig } from '../core/test-config.js';
import type { CoreConsentApi } from '../runtime/public-api.js';
import { createFacade } from './facade.js';

const state = currentState(testConfig({}), undefined, false, new Date());

describe('the window.CoreConsent facade', () => {
  it('answers get and on itself, loads the runtime for everything else, and follows it once attached', async () => {
    const decided = { ...state, decided: true, promptReason: null };
    let runtimeChange: ((s: typeof state) => void) | undefined;
    const runtime = {
      get: () => decided,
      history: vi.fn(async () => []),
      on: vi.fn((_event: string, fn: (s: typeof state) => void) => {
        runtimeChange = fn;
        return () => true;
      }),
    } as unknown as CoreConsentApi;
    const loadFull = vi.fn(async () => runtime);
    const facade = createFacade(() => state, loadFull);

    expect(facade.api.get()).toBe(state);
    expect(loadFull).not.toHaveBeenCalled();
    expect(() => facade.api.on('nope' as 'change', () => undefined)).toThrow(TypeError);

    const changes: unknown[] = [];
    const events: unknown[] = [];
    facade.api.on('change', (s) => changes.push(s));
    document.addEventListener('coreconsent:change', (e) => events.push((e as CustomEvent).detail));
    facade.changed(decided);
    expect(changes).toEqual([decided]);
    expect(events).toEqual([decided]);

    const ready = await new Promise((resolve) => facade.api.on('ready', resolve));
    expect(ready).toBe(state);

    await facade.api.history();
    expect(loadFull).toHaveBeenCalledOnce();
    expect(runtime.history).toHaveBeenCalledOnce();

    facade.attach(runtime);
    expect(facade.api.get()).toBe(decided);
    runtimeChange?.(decided);
    expect(changes).toHaveLength(2);
  });
});
