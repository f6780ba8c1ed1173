import { describe, expect, it } from 'vitest';
import { MAX_BRIDGE_HISTORY, SiteSnapshotSchema } from './bridge.js';

const snapshot = {
  siteId: 'shop',
  origin: 'http://localhost:8081',
  policyVersion: '1',
  policyUrl: null,
  jurisdiction: 'gdpr',
  api: null,
  subjectId: null,
  token: null,
  state: null,
  history: [],
};
const id = (i: number) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
const receipts = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [id(i), 'a.b.c']));

describe('SiteSnapshotSchema receipts (issue 11)', () => {
  it('are optional, and bounded like the history', () => {
    expect(SiteSnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(
      SiteSnapshotSchema.safeParse({ ...snapshot, receipts: receipts(MAX_BRIDGE_HISTORY) }).success,
    ).toBe(true);
    const tooMany = SiteSnapshotSchema.safeParse({ ...snapshot, receipts: receipts(MAX_BRIDGE_HISTORY + 1) });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.path).toEqual(['receipts']);
  });
  it('are keyed by record id and hold compact JWSs only', () => {
    expect(SiteSnapshotSchema.safeParse({ ...snapshot, receipts: { 'not-an-id': 'a.b.c' } }).success).toBe(
      false,
    );
    expect(SiteSnapshotSchema.safeParse({ ...snapshot, receipts: { [id(1)]: 'a.b' } }).success).toBe(false);
    expect(
      SiteSnapshotSchema.safeParse({ ...snapshot, receipts: { [id(1)]: 'x'.repeat(2049) } }).success,
    ).toBe(false);
  });
});
