/**
 * RFC 4180 CSV writing with spreadsheet formula-injection neutralized (OWASP "CSV Injection"):
 * a cell that starts with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by Excel,
 * LibreOffice or Sheets, so it gets a leading `'`. A cell that already starts with `'` gets one
 * too, so the rule is reversible: a reader strips exactly one leading `'` (see `readCsvCell`).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r']/;

/** One cell, neutralized and quoted. Every cell is quoted: simpler to audit than "quote when needed". */
export function writeCsvCell(value: string): string {
  const safe = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Undoes `writeCsvCell`'s neutralization on a cell a CSV parser has already unquoted. */
export function readCsvCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** Rows to CSV text with CRLF line ends (RFC 4180 §2). */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(writeCsvCell).join(',')).join('\r\n')}\r\n`;
}
