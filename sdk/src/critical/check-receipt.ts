/**
 * `StoredReceiptSchema` (storage/stored-values.ts: `{ id, receipt }`, the receipt a compact JWS of at
 * most 2,048 characters, as protocol's `ReceiptSchema`) without zod. The script tag's announce reads
 * stored receipts through it; check-receipt.test.ts holds the two together. The SDK only keeps
 * receipts: the extension verifies them.
 */
export function isStoredReceipt(value: unknown): value is { id: string; receipt: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, receipt } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof receipt === 'string' &&
    receipt.length <= 2048 &&
    /^[\w-]+\.[\w-]+\.[\w-]+$/.test(receipt)
  );
}
