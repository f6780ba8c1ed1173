import type { AnyConsentRecord, ManagedSiteView, ReceiptCheck } from '@coreitsm/protocol';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { MAX_RECORDS_PER_ORIGIN } from '../background/storage-limits.js';
import { formatDate } from './i18n.js';
import { messageOf, type PopupEnv } from './popup-api.js';
import { ReceiptCell } from './receipt-cell.js';

/** Records per page of a site's history. */
export const HISTORY_PAGE = 50;

/**
 * One site's history, newest first, loaded when opened. When the extension's storage bound dropped
 * older records of this origin (issue 10, finding 6), a note says how many, over which dates, and
 * where they still are — so a short list is never taken for the whole history.
 */
export function SiteHistory({
  env,
  siteId,
  origin,
  trimmed,
}: {
  env: PopupEnv;
  siteId: string;
  origin: string;
  trimmed?: ManagedSiteView['trimmed'];
}) {
  const { api, t, locale } = env;
  const [records, setRecords] = useState<AnyConsentRecord[] | null>(null);
  const [more, setMore] = useState(false);
  const [receipts, setReceipts] = useState<Record<string, ReceiptCheck>>({});
  const [keysChanged, setKeysChanged] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  // A page at a time, older ones on request: opening a site never reads its whole history.
  const loadPage = useCallback(
    (before?: string) => {
      api('sites:history', { siteId, origin, limit: HISTORY_PAGE, ...(before ? { before } : {}) })
        .then((answer) => {
          setRecords((shown) => (before && shown ? [...shown, ...answer.records] : answer.records));
          setMore(answer.more ?? false);
          setReceipts((shown) => ({ ...(before ? shown : {}), ...answer.receipts }));
          setKeysChanged(answer.keysChanged ?? []);
        })
        .catch((e: unknown) => setError(messageOf(e)));
    },
    [api, siteId, origin],
  );
  useEffect(() => loadPage(), [loadPage]);
  if (error)
    return (
      <p role="alert" class="error">
        {t('loadError', { message: error })}
      </p>
    );
  if (!records) return <p>{t('loading')}</p>;
  const note = trimmed ? (
    <p class="muted" data-history-trimmed={trimmed.count}>
      {t('historyTrimmed', {
        count: trimmed.count,
        from: formatDate(trimmed.from, locale),
        to: formatDate(trimmed.to, locale),
        kept: MAX_RECORDS_PER_ORIGIN,
      })}
    </p>
  ) : null;
  if (records.length === 0)
    return (
      <>
        <p class="muted">{t('historyEmpty')}</p>
        {note}
      </>
    );
  return (
    <>
      {keysChanged.length > 0 && (
        <p role="alert" class="error" data-receipt-keys-changed={keysChanged.join(' ')}>
          {t('keysChanged', { kids: keysChanged.join(', ') })}
        </p>
      )}
      <table class="history" data-history={siteId}>
        <thead>
          <tr>
            <th scope="col">{t('date_label')}</th>
            <th scope="col">{t('method_label')}</th>
            <th scope="col">{t('choices_label')}</th>
            <th scope="col">{t('receipt_label')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id} data-record={record.id}>
              <td>{formatDate(record.createdAt, locale)}</td>
              <td>{record.method}</td>
              <td>
                {Object.entries(record.choices)
                  .filter(([purpose]) => purpose !== 'necessary')
                  .map(([purpose, value]) => `${purpose}: ${value === 'granted' ? '✓' : '✗'}`)
                  .join(' · ')}
              </td>
              <ReceiptCell env={env} check={receipts[record.id]} />
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button type="button" class="link" data-action="older" onClick={() => loadPage(records.at(-1)?.id)}>
          {t('olderRecords')}
        </button>
      )}
      {note}
    </>
  );
}
