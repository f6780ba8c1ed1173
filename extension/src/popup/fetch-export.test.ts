import { MessageError } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { type ExportDeliveries, fetchExport } from './fetch-export.js';
import type { PopupApi } from './popup-api.js';

const ABOUT = { filename: 'f.csv', mimeType: 'text/csv', count: 2 };

/** A fake background: `file` answers `records:export-file`; pieces answer `records:export`. */
function fakeApi(file: (delivery: string) => unknown): { api: PopupApi; asked: string[] } {
  const asked: string[] = [];
  const api = (async (type: string, payload: { delivery?: string; cursor?: string | null }) => {
    asked.push(type);
    if (type === 'records:export-file') return file(payload.delivery ?? '');
    if (payload.cursor === null) return { ...ABOUT, body: 'a,', next: 'c1' };
    return { ...ABOUT, body: 'b', next: null };
  }) as PopupApi;
  return { api, asked };
}

/** Deliveries whose posted files the test hands in. */
function fakeDeliveries() {
  const waiting = new Map<string, (file: Blob) => void>();
  const deliveries: ExportDeliveries = {
    expect(delivery) {
      return {
        file: new Promise<Blob>((resolve) => waiting.set(delivery, resolve)),
        cancel: () => undefined,
      };
    },
  };
  return { deliveries, post: (delivery: string, file: Blob) => waiting.get(delivery)?.(file) };
}

describe('fetchExport (issue 11)', () => {
  it('takes the Blob from the answer (Firefox)', async () => {
    const file = new Blob(['x,y\r\n']);
    const { api, asked } = fakeApi(() => ({ ...ABOUT, size: file.size, file }));
    const got = await fetchExport(api, 'csv', fakeDeliveries().deliveries);
    expect(await got.body.text()).toBe('x,y\r\n');
    expect(got.body.type).toBe('text/csv;charset=utf-8');
    expect(asked).toEqual(['records:export-file']);
  });

  it('waits for the Blob the background posted for its delivery id (Chrome)', async () => {
    const file = new Blob(['posted']);
    const { deliveries, post } = fakeDeliveries();
    const { api } = fakeApi((delivery) => {
      post('someone-else', new Blob(['not this']));
      post(delivery, file);
      return { ...ABOUT, size: file.size };
    });
    const got = await fetchExport(api, 'csv', deliveries, () => 'delivery-id-1');
    expect(await got.body.text()).toBe('posted');
  });

  it('refuses a file of another size than announced', async () => {
    const file = new Blob(['short']);
    const { api } = fakeApi(() => ({ ...ABOUT, size: 999, file }));
    await expect(fetchExport(api, 'csv', fakeDeliveries().deliveries)).rejects.toThrow(/incomplete/);
  });

  it('asks an older background piece by piece; other errors are not hidden', async () => {
    const older = fakeApi(() => {
      throw new MessageError('failed', 'unknown message type "records:export-file"');
    });
    const got = await fetchExport(older.api, 'csv', fakeDeliveries().deliveries);
    expect(await got.body.text()).toBe('a,b');
    expect(older.asked).toEqual(['records:export-file', 'records:export', 'records:export']);
    const failing = fakeApi(() => {
      throw new MessageError('failed', 'records changed during the export; export again');
    });
    await expect(fetchExport(failing.api, 'csv', fakeDeliveries().deliveries)).rejects.toThrow(/changed/);
    expect(failing.asked).toEqual(['records:export-file']);
  });
});
