import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import {
  type ExportFileDelivery,
  ExportFileDeliverySchema,
  PopupToBackgroundMessages,
} from './extension-messages.js';

describe('records:export-file (issue 11)', () => {
  const spec = PopupToBackgroundMessages['records:export-file'];

  it('asks with a format and a delivery id of safe characters only', () => {
    expect(z.safeParse(spec.request, { format: 'csv', delivery: crypto.randomUUID() }).success).toBe(true);
    for (const delivery of ['short', 'a'.repeat(65), 'has space in it', '<script>x</script>'])
      expect(z.safeParse(spec.request, { format: 'csv', delivery }).success).toBe(false);
    expect(z.safeParse(spec.request, { format: 'csv', delivery: 'delivery-1', extra: 1 }).success).toBe(
      false,
    );
  });

  it('answers a Blob or none, never anything else in its place', () => {
    const about = { filename: 'f.csv', mimeType: 'text/csv', count: 1, size: 3 };
    expect(z.safeParse(spec.response, about).success).toBe(true);
    expect(z.safeParse(spec.response, { ...about, file: new Blob(['a,b']) }).success).toBe(true);
    // What a Blob becomes in a JSON runtime message (Chrome): refused, not taken for a file.
    expect(z.safeParse(spec.response, { ...about, file: {} }).success).toBe(false);
  });

  it('a posted delivery carries the Blob and the id it was asked with', () => {
    const file = new Blob(['x']);
    const parsed = z.safeParse(ExportFileDeliverySchema, {
      type: 'records:export-file',
      delivery: 'delivery-1',
      file,
    });
    expect(parsed.success && parsed.data.file).toBe(file);
    expect(
      z.safeParse(ExportFileDeliverySchema, {
        type: 'records:export-file',
        delivery: 'delivery-1',
        file: 'x',
      }).success,
    ).toBe(false);
    expectTypeOf<ExportFileDelivery['file']>().toEqualTypeOf<Blob>();
  });
});
