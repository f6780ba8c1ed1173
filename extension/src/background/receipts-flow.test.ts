import { ContentToBackgroundMessages, createDispatcher, PopupToBackgroundMessages } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import {
  API,
  fakeWorld,
  jsonResponse,
  ORIGIN_A,
  record,
  senderFor,
  snapshot,
} from '../test-support/fixtures.js';
import { signReceipt, testKey } from '../test-support/receipts.js';
import { createContentHandlers } from './content-handlers.js';
import { drainOutbox, enqueueRevocation } from './outbox.js';
import { createPopupHandlers } from './popup-handlers.js';

// Receipts end to end inside the background (issue 11): from the announce or the server's own
// answers into the store, then checked when the popup asks for a history.
describe('receipts in the background', () => {
  it('keeps the receipts an announce hands over and shows them checked in the history', async () => {
    const world = await fakeWorld();
    const content = createDispatcher(ContentToBackgroundMessages, createContentHandlers(world.deps));
    const popup = createDispatcher(PopupToBackgroundMessages, createPopupHandlers(world.deps));
    const key = await testKey();
    const [good, altered, bare] = [record(), record(), record()];
    const receipts = {
      [good.id]: await signReceipt(key, good),
      // A genuine receipt of another record, passed off as this one's.
      [altered.id]: await signReceipt(key, record()),
    };
    const sent = await content(
      { type: 'site:announce', payload: { snapshot: snapshot([good, altered, bare], { receipts }) } },
      senderFor(ORIGIN_A),
    );
    expect(sent.ok).toBe(true);
    world.serverAnswers.push(() => jsonResponse(200, { keys: [key.jwk] }));
    const answer = await popup({ type: 'sites:history', payload: { siteId: 'servicedesk', limit: 50 } }, {});
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    const value = answer.value as { receipts: Record<string, { status: string; reason?: string }> };
    expect(value.receipts[good.id]?.status).toBe('verified');
    expect(value.receipts[altered.id]).toMatchObject({ status: 'invalid', reason: 'other-record' });
    expect(value.receipts[bare.id]).toEqual({ status: 'missing' });
    expect(world.requests.map((r) => r.url)).toContain(`${API}/.well-known/jwks.json`);
  });

  it('keeps the receipt the server answers a revocation it minted with', async () => {
    const world = await fakeWorld();
    const key = await testKey();
    const minted = record({ method: 'extension-revoke', receivedAt: '2026-11-26T12:00:00.000Z' });
    const receipt = await signReceipt(key, minted);
    world.serverAnswers.push(() => jsonResponse(201, { record: minted, receipt }));
    await enqueueRevocation(world.deps, { origin: ORIGIN_A, siteId: 'servicedesk', api: API, token: 't' }, [
      'marketing',
    ]);
    expect(await drainOutbox(world.deps)).toMatchObject({ delivered: 1 });
    expect((await world.deps.store.pageHistory(ORIGIN_A, { limit: 10 })).receipts).toEqual({
      [minted.id]: receipt,
    });
  });
});
