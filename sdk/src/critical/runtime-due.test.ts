import { SubjectStateResponseSchema } from '@coreitsm/protocol';
import { junkValueArb, subjectIdArb, timestampArb, uuidV7Arb } from '@coreitsm/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverRecordId } from './runtime-due.js';

// The script tag skips the runtime only when the server's answer names no record this browser
// lacks. That conclusion must never hide a record the runtime's zod-parsed pull would import.
const siteState = fc.record({
  choices: fc.constantFrom({ necessary: 'granted' }, { necessary: 'granted', analytics: 'denied' }),
  policyVersion: fc.constantFrom('v1', '2026-04-08'),
  jurisdiction: fc.constantFrom('gdpr', 'ccpa'),
  recordId: fc.oneof(uuidV7Arb, junkValueArb),
  createdAt: fc.oneof(timestampArb, junkValueArb),
});
const answer = fc.oneof(
  fc.record({
    subjectId: fc.oneof(subjectIdArb, junkValueArb),
    sites: fc.oneof(
      fc.dictionary(fc.constantFrom('shop', 'other', '__proto__'), fc.oneof(siteState, junkValueArb)),
      junkValueArb,
    ),
  }),
  fc.anything(),
);

describe('serverRecordId', () => {
  it('never says "nothing new" when the zod-parsed answer has a record for the site that we lack', () => {
    fc.assert(
      fc.property(answer, fc.array(uuidV7Arb, { maxLength: 3 }), (body, known) => {
        const id = serverRecordId(body, 'shop');
        const skip = id === null || (typeof id === 'string' && known.includes(id));
        const parsed = SubjectStateResponseSchema.safeParse(body);
        const serverId = parsed.success ? parsed.data.sites.shop?.recordId : undefined;
        if (skip && serverId !== undefined) expect(known).toContain(serverId);
        // And on a valid answer it reads the same id zod does.
        if (parsed.success) expect(id).toBe(serverId ?? null);
      }),
      { numRuns: 3000 },
    );
  });
  it('reads a known record as known', () => {
    const [recordId] = fc.sample(uuidV7Arb, 1);
    expect(serverRecordId({ subjectId: 'sub_x', sites: { shop: { recordId } } }, 'shop')).toBe(recordId);
    expect(serverRecordId({ subjectId: 'sub_x', sites: {} }, 'shop')).toBeNull();
    expect(serverRecordId('nope', 'shop')).toBeUndefined();
  });
});
