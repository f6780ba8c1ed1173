import type { AnyConsentRecord } from '@coreitsm/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { UiContext } from './ui-contract.js';

/** The person's own history on this site, newest first: when, how, and what was on. */
export function HistoryList({ ctx, version }: { ctx: UiContext; version: number }) {
  const [records, setRecords] = useState<AnyConsentRecord[] | null>(null);
  useEffect(() => {
    void ctx.history().then(setRecords);
  }, [version]);
  const s = ctx.strings;
  const date = new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (!records) return null;
  if (records.length === 0) return <p class="small">{s.historyEmpty}</p>;
  return (
    <ol data-history="">
      {records.slice(0, 50).map((r) => (
        <li key={r.id} data-record-id={r.id}>
          {date.format(new Date(r.createdAt))} — {s.methods[r.method] ?? r.method}:{' '}
          {ctx.purposes
            .filter((p) => p !== 'necessary')
            .map((p) => `${s.purposes[p].name} ${r.choices[p] === 'granted' ? s.granted : s.denied}`)
            .join(', ')}
        </li>
      ))}
    </ol>
  );
}
