import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type Notice, NoticeSchema, noticeHash } from './notice.js';

const notice: Notice = {
  siteId: 'servicedesk',
  language: 'en',
  policyVersion: '2026-04-08',
  texts: {
    bannerTitle: 'Your privacy',
    bannerText: 'We use cookies…',
    'purpose.analytics.name': 'Analytics',
  },
  purposes: ['functional', 'analytics'],
  services: [{ id: 'hotjar', name: 'Hotjar', purpose: 'analytics', cookies: [{ name: '_hj*' }] }],
};

describe('noticeHash', () => {
  it('is the SHA-256 of the canonical JSON: keys sorted, no whitespace (a fixed vector)', async () => {
    const canonical =
      '{"language":"en","policyVersion":"2026-04-08","purposes":["functional","analytics"],' +
      '"services":[{"cookies":[{"name":"_hj*"}],"id":"hotjar","name":"Hotjar","purpose":"analytics"}],' +
      '"siteId":"servicedesk","texts":{"bannerText":"We use cookies…","bannerTitle":"Your privacy",' +
      '"purpose.analytics.name":"Analytics"}}';
    expect(canonicalJson(notice)).toBe(canonical);
    expect(await noticeHash(notice)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(NoticeSchema.safeParse(notice).success).toBe(true);
  });

  it('does not depend on the order of keys, and changes with any text (property)', async () => {
    const reorder = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
      if (value && typeof value === 'object') {
        const entries = Object.entries(value);
        if (seed % 2) entries.reverse();
        return Object.fromEntries(entries.map(([k, v]) => [k, reorder(v, seed >> 1)]));
      }
      return value;
    };
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ maxLength: 40 }), async (seed, text) => {
        const shuffled = reorder(notice, seed) as Notice;
        expect(await noticeHash(shuffled)).toBe(await noticeHash(notice));
        const edited = {
          ...notice,
          texts: { ...notice.texts, bannerText: `${notice.texts.bannerText}${text}!` },
        };
        expect(await noticeHash(edited)).not.toBe(await noticeHash(notice));
      }),
      { numRuns: 100 },
    );
  });
});
