import { describe, expect, it } from 'vitest';
import { rightsRequestDueAt } from './rights.js';

describe('rightsRequestDueAt', () => {
  const received = new Date('2026-01-01T12:00:00.000Z');
  it.each([
    ['gdpr', '2026-01-31T12:00:00.000Z'],
    ['ccpa', '2026-02-15T12:00:00.000Z'],
    ['lgpd', '2026-01-16T12:00:00.000Z'],
    ['pipeda', '2026-01-31T12:00:00.000Z'],
    ['none', '2026-01-31T12:00:00.000Z'],
  ] as const)('%s → %s', (jurisdiction, due) => {
    expect(rightsRequestDueAt(jurisdiction, received)).toBe(due);
  });
});
