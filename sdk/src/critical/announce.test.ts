import { BRIDGE_NAMESPACE, BRIDGE_VERSION, SdkToExtensionMessageSchema } from '@coreitsm/protocol';
import { anyConsentRecordArb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../core/test-config.js';
import { announceMessage, BRIDGE_NS, BRIDGE_V } from './announce.js';

// The script tag's announce must be one the extension accepts: protocol's schema decides.
describe('announceMessage', () => {
  it('uses the protocol’s envelope', () => {
    expect([BRIDGE_NS, BRIDGE_V]).toEqual([BRIDGE_NAMESPACE, BRIDGE_VERSION]);
  });
  it('builds messages that parse as SDK → extension announces, with the latest record as state', () => {
    const config = testConfig({ siteId: 'shop' });
    const records = fc.array(
      anyConsentRecordArb.map((r) => ({ ...r, siteId: 'shop' })),
      { maxLength: 4 },
    );
    const subject = fc.option(
      fc.record({
        subjectId: fc.stringMatching(/^sub_[A-Za-z0-9_-]{1,40}$/),
        token: fc.option(fc.string({ minLength: 1, maxLength: 64 })),
      }),
    );
    fc.assert(
      fc.property(records, subject, (history, s) => {
        // Receipts of some of the records, as the store keeps them.
        const receipts = history.filter((_, i) => i % 2 === 0).map((r) => ({ id: r.id, receipt: 'a.b.c' }));
        const message = announceMessage(config, history, s, receipts);
        const parsed = SdkToExtensionMessageSchema.safeParse(message);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        if (message.type !== 'announce') throw new Error('not an announce');
        expect(message.payload.history).toHaveLength(history.length);
        const expected = Object.fromEntries(receipts.map((k) => [k.id, k.receipt]));
        expect(message.payload.receipts).toEqual(receipts.length > 0 ? expected : undefined);
        expect(message.payload.state === null).toBe(history.length === 0);
      }),
      { numRuns: 200 },
    );
  });
});
