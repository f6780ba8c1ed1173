import type { ReceiptCheck } from '@coreitsm/protocol';
import { formatDate, type MessageKey } from './i18n.js';
import type { PopupEnv } from './popup-api.js';

/** Why, in plain words, for each outcome of the background's check (verify-receipt.ts). */
function explanation(check: ReceiptCheck): MessageKey {
  if (check.status === 'verified') return 'receiptWhy_verified';
  if (check.status === 'missing') return 'receiptWhy_missing';
  switch (check.reason) {
    case 'algorithm':
      return 'receiptWhy_algorithm';
    case 'unknown-key':
      return 'receiptWhy_unknownKey';
    case 'signature':
      return 'receiptWhy_signature';
    case 'other-record':
      return 'receiptWhy_otherRecord';
    case 'no-keys':
      return 'receiptWhy_noKeys';
    case 'no-server':
      return 'receiptWhy_noServer';
    default:
      return 'receiptWhy_malformed';
  }
}

/**
 * One history entry's receipt (issue 11): `[data-receipt="verified"|"invalid"|"missing"|"unchecked"]`
 * with the outcome in a word and why in a sentence. Not a colour alone: the word carries it.
 */
export function ReceiptCell({ env, check }: { env: PopupEnv; check: ReceiptCheck | undefined }) {
  const { t, locale } = env;
  const shown = check ?? { status: 'missing' };
  return (
    <td data-receipt={shown.status} data-receipt-reason={shown.reason}>
      <strong class={`receipt receipt-${shown.status}`}>{t(`receipt_${shown.status}`)}</strong>{' '}
      <span class="muted receipt-why">
        {t(explanation(shown), { date: shown.storedAt ? formatDate(shown.storedAt, locale) : '' })}
      </span>
    </td>
  );
}
