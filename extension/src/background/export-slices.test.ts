import { createDispatcher, createSender, PopupToBackgroundMessages } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import type { PopupApi } from '../popup/popup-api.js';
import { fakeWorld, ORIGIN_A, record } from '../test-support/fixtures.js';
import { exportRecords } from './export-records.js';
import { exportSlices } from './export-slices.js';
import { createPopupHandlers } from './popup-handlers.js';

describe('the popup export reads through the background (finding 13)', () => {
  it('reassembles a file served in slices, byte for byte', async () => {
    const world = await fakeWorld();
    await world.deps.store.putRecords(
      ORIGIN_A,
      Array.from({ length: 30 }, () => record()),
    );
    const handlers = createPopupHandlers(world.deps);
    const slices = exportSlices(
      (format) => exportRecords(world.deps.store, format, world.deps.now()),
      world.deps.newId,
      Date.now,
      1000,
    );
    const popup = createDispatcher(PopupToBackgroundMessages, { ...handlers, 'records:export': slices });
    const calls: unknown[] = [];
    const api: PopupApi = createSender(PopupToBackgroundMessages, (request) => {
      calls.push(request);
      return popup(request, undefined);
    });
    const whole = await exportRecords(world.deps.store, 'json', world.deps.now());
    const first = await api('records:export', { format: 'json' });
    let body = first.body;
    while (body.length < (first.total ?? 0))
      body += (await api('records:export', { format: 'json', exportId: first.exportId, offset: body.length }))
        .body;
    expect(body).toBe(whole.body);
    expect(first.count).toBe(30);
    expect(calls.length).toBe(Math.ceil(whole.body.length / 1000));
    await expect(slices({ format: 'json', exportId: 'nope', offset: 5 })).rejects.toThrow(/gone/);
  });

  it('the popup no longer opens the background database itself', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../platform/popup-main.tsx', import.meta.url), 'utf8');
    expect(source).not.toMatch(/openIdbStore|exportRecords/);
  });
});
