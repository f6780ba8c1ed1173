import { RIGHTS_REQUEST_KINDS, type RightsRequestKind } from '@coreitsm/protocol';
import { useState } from 'preact/hooks';
import { fill } from '../i18n/strings.js';
import type { UiContext } from './ui-contract.js';

/** "Your privacy rights": files `POST /v1/rights-requests` and shows the legal due date. */
export function RightsForm({ ctx }: { ctx: UiContext }) {
  const s = ctx.strings;
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const send = ctx.requestRight;
  if (!send) return <p class="small">{s.rightsOffline}</p>;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const contact = String(form.get('contact') ?? '').trim();
    const details = String(form.get('details') ?? '').trim();
    setBusy(true);
    send(form.get('kind') as RightsRequestKind, { ...(contact && { contact }), ...(details && { details }) })
      .then(
        (r) =>
          setStatus(
            fill(s.rightsFiled, {
              id: r.id,
              date: new Intl.DateTimeFormat(ctx.language, { dateStyle: 'long' }).format(new Date(r.dueAt)),
            }),
          ),
        (e: unknown) => setStatus(fill(s.rightsError, { error: e instanceof Error ? e.message : String(e) })),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={onSubmit} data-rights-form="">
      <label class="field" for="cc-r-kind">
        {s.rightsKind}
      </label>
      <select id="cc-r-kind" name="kind">
        {RIGHTS_REQUEST_KINDS.map((k) => (
          <option key={k} value={k}>
            {s.rightsKinds[k]}
          </option>
        ))}
      </select>
      <label class="field" for="cc-r-contact">
        {s.rightsContact}
      </label>
      <input id="cc-r-contact" name="contact" type="email" autocomplete="email" maxLength={254} />
      <label class="field" for="cc-r-details">
        {s.rightsDetails}
      </label>
      <textarea id="cc-r-details" name="details" rows={3} maxLength={4000} />
      <div class="row">
        <button type="submit" class="secondary" data-action="request-right" disabled={busy}>
          {s.rightsSubmit}
        </button>
      </div>
      <p class="status" role="status" data-rights-status="">
        {status}
      </p>
    </form>
  );
}
