import type { AnyConsentRecord, StoredConsentRecord } from '@coreitsm/protocol';
import { expect, type Page } from '@playwright/test';
import { localHistory } from './consent-page.js';
import type { ConsentServer } from './consent-server.js';
import type { SubjectCredentials } from './subject-watcher.js';

/**
 * Waits until the server holds the record `recordId` for the subject, then checks that the page's
 * local copy (read again: an offline-made record is re-keyed to the server's subject before it is
 * sent) and the server's copy are the same record — the server only adds `receivedAt`.
 */
export async function expectRecordOnServer(
  page: Page,
  server: ConsentServer,
  subject: SubjectCredentials,
  local: Pick<AnyConsentRecord, 'id' | 'siteId'>,
  timeoutMs = 15_000,
): Promise<StoredConsentRecord> {
  let stored: StoredConsentRecord | undefined;
  await expect
    .poll(
      async () => {
        const records = await server.api.records(subject.token, local.siteId);
        stored = records.find((r) => r.id === local.id);
        return stored !== undefined;
      },
      { timeout: timeoutMs, message: `record ${local.id} never reached the server` },
    )
    .toBe(true);
  const found = stored as StoredConsentRecord;
  expect(found.subjectId).toBe(subject.subjectId);
  const { receivedAt, ...sent } = found;
  expect(Date.parse(receivedAt)).not.toBeNaN();
  await expect
    .poll(async () => {
      const copy = (await localHistory(page)).find((r) => r.id === local.id);
      if (!copy) return 'missing from the local history';
      const { receivedAt: _ignored, ...rest } = copy;
      return rest;
    })
    .toEqual(sent);
  return found;
}
