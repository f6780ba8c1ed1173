import fc from 'fast-check';
import { BRIDGE_NAMESPACE, BRIDGE_VERSION } from '../bridge.js';

/** One message a hostile page posts, with how it arrives. */
export interface HostileBridgeEvent {
  /** What was changed from a valid envelope ("valid" is left as is: the page may say that too). */
  mutation: string;
  /** `self`: posted by this window to itself; `other`: another window (a frame, an opener). */
  source: 'self' | 'other';
  /** `own`: the page's origin; anything else is another origin. */
  origin: string;
  data: unknown;
}

const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(70_000)),
  fc.constant('<script>alert(1)</script>'),
  fc.constant({ toString: 'x' }),
  fc.constant(['revoke']),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

type Envelope = Record<string, unknown> & { payload: Record<string, unknown> };

function withField(envelope: Envelope, field: string, value: unknown): Envelope {
  return { ...envelope, [field]: value } as Envelope;
}

/**
 * Random and mutated bridge envelopes (issue 10, "Also"): each starts from one of `valid`
 * (well-formed envelopes for the page's own site) and gets one mutation — wrong source, origin,
 * namespace, version, direction, type or id, a payload field replaced by junk, an extra key, a
 * payload grown past its bounds, a snapshot speaking for another site or origin, a changed `api` —
 * or is pure junk. Deterministic for a seed.
 */
export function hostileBridgeEvents(
  valid: readonly Envelope[],
  count: number,
  seed: number,
  foreign: { origin: string; siteId: string },
): HostileBridgeEvent[] {
  const base = fc.constantFrom(...valid);
  const event = (mutation: string, data: unknown, source: 'self' | 'other' = 'self', origin = 'own') => ({
    mutation,
    data,
    source,
    origin,
  });
  const arb: fc.Arbitrary<HostileBridgeEvent> = fc.oneof(
    base.map((e) => event('wrong source', e, 'other')),
    base.map((e) => event('wrong origin', e, 'self', foreign.origin)),
    fc
      .tuple(base, junkArb)
      .map(([e, v]) => event('namespace', withField(e, 'ns', v ?? `${BRIDGE_NAMESPACE}x`))),
    fc
      .tuple(base, fc.constantFrom(0, 2, -1, 1.5, '1', null, BRIDGE_VERSION + 1))
      .map(([e, v]) => event('version', withField(e, 'v', v))),
    fc.tuple(base, junkArb).map(([e, v]) => event('direction', withField(e, 'from', v))),
    fc
      .tuple(base, fc.oneof(fc.constantFrom('set', 'grant', 'accept', 'state', ''), junkArb))
      .map(([e, v]) => event('type', withField(e, 'type', v))),
    fc
      .tuple(base, fc.constantFrom('', 'i'.repeat(65), null, 7, {}))
      .map(([e, v]) => event('id', withField(e, 'id', v))),
    fc.tuple(base, junkArb).map(([e, v]) => event('payload junk', withField(e, 'payload', v))),
    fc.tuple(base, fc.nat(), junkArb).map(([e, i, v]) => {
      const keys = Object.keys(e.payload);
      const key = keys[i % Math.max(keys.length, 1)] ?? 'purposes';
      return event('payload field', { ...e, payload: { ...e.payload, [key]: v } });
    }),
    fc
      .tuple(base, fc.constantFrom('choices', 'grant', '__proto__', 'constructor'))
      .map(([e, key]) =>
        event('extra key', { ...e, payload: { ...e.payload, [key]: { marketing: 'granted' } } }),
      ),
    base.map((e) =>
      event('oversized', {
        ...e,
        payload:
          'history' in e.payload
            ? {
                ...e.payload,
                history: Array.from({ length: 1001 }, () => (e.payload.history as unknown[])[0] ?? {}),
              }
            : {
                ...e.payload,
                purposes: [
                  'marketing',
                  'analytics',
                  'functional',
                  'sale_sharing',
                  'sensitive_limit',
                  'marketing',
                ],
              },
      }),
    ),
    base.map((e) =>
      event('grant-shaped revoke', {
        ...e,
        payload: 'history' in e.payload ? e.payload : { purposes: ['necessary'] },
      }),
    ),
    base.map((e) =>
      event('another site', {
        ...e,
        payload: 'history' in e.payload ? { ...e.payload, siteId: foreign.siteId } : e.payload,
        type: 'history' in e.payload ? e.type : 'revoke-all',
      }),
    ),
    base.map((e) =>
      event('another origin', {
        ...e,
        payload: 'history' in e.payload ? { ...e.payload, origin: foreign.origin } : { purposes: [] },
      }),
    ),
    base.map((e) =>
      event('changed api', {
        ...e,
        payload:
          'history' in e.payload ? { ...e.payload, api: 'https://elsewhere.example' } : { purposes: [] },
      }),
    ),
    junkArb.map((v) => event('junk', v)),
  );
  return fc.sample(arb, { numRuns: count, seed });
}
