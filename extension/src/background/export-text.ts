import {
  type ExportFormat,
  type ExportRecord,
  escapeXmlText,
  PURPOSES,
  writeCsvCell,
} from '@coreitsm/protocol';

/**
 * One page of an export as text: exactly the protocol's `exportRecordText` of each record, joined
 * (export-text.test.ts holds the two together, byte for byte), but written a page at a time — JSON
 * by hand as `JSON.stringify` indents it (escaping only strings that need it), CSV and XML without
 * escaping what needs none.
 * The records are validated ones (the store's row check or its zod parse), so fields whose pattern
 * allows no quote, markup character or formula trigger are written as they are; the others
 * (`policyVersion`, `policyUrl`, `origin`, `receipt`) are checked, and escaped by the protocol's own
 * writers when they need it.
 */
export function exportPageText(
  format: ExportFormat,
  records: readonly ExportRecord[],
  first: number,
): string {
  if (records.length === 0) return '';
  if (format === 'json') return jsonPage(records, first);
  if (format === 'csv') return csvPage(records);
  return xmlPage(records);
}

/**
 * The records array of `JSON.stringify({…, records}, null, 2)`, written by hand: V8's fast
 * `JSON.stringify` path takes no indentation argument, and the slow one made JSON the slowest export.
 * Generic over the record's own keys and in their order, so the bytes are `JSON.stringify`'s for any
 * plain record (strings, numbers, booleans, null, nested objects; `undefined` left out, as it does).
 */
function jsonPage(records: readonly ExportRecord[], first: number): string {
  let out = '';
  for (let i = 0; i < records.length; i++)
    out += `${first + i === 0 ? '\n' : ',\n'}    ${jsonValue(records[i], RECORD_INDENT)}`;
  return out;
}

/** What `JSON.stringify` would escape in a string: a quote, a backslash, a control or lone surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters JSON escapes
const JSON_SPECIAL = /["\\\u0000-\u001F\uD800-\uDFFF]/;
const jsonString = (value: string) => (JSON_SPECIAL.test(value) ? JSON.stringify(value) : `"${value}"`);

function jsonValue(value: unknown, indent: Indent): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Not met in a checked record; left to JSON.stringify itself, indented as exportRecordText does.
  if (Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent.own}`);
  return objectText(value as Record<string, unknown>, indent);
}

/**
 * One level of indentation, with the key lists met at it (`shapes`): the records of a page share a
 * handful of key lists, and each key's `,\n      "key": ` is worked out once per list instead of once
 * per record (what made the generic writer ~10× slower than CSV).
 */
interface Indent {
  own: string;
  child: Indent | null;
  shapes: Shape[];
}
interface Shape {
  keys: readonly string[];
  /** Before each key's value: `\n` + indent + `"key": `, and the same after a comma. */
  first: readonly string[];
  next: readonly string[];
}
const indentAt = (own: string): Indent => ({ own, child: null, shapes: [] });
const RECORD_INDENT = indentAt('    ');
/** How many key lists one level keeps (a record has one or two; bounded for any input). */
const MAX_SHAPES = 8;

function shapeOf(keys: readonly string[], indent: Indent): Shape {
  for (const shape of indent.shapes) {
    const known = shape.keys;
    if (known.length !== keys.length) continue;
    let same = true;
    for (let i = 0; i < keys.length && same; i++) same = known[i] === keys[i];
    if (same) return shape;
  }
  const inner = `${indent.own}  `;
  const first = keys.map((key) => `\n${inner}${jsonString(key)}: `);
  const shape = { keys, first, next: first.map((text) => `,${text}`) };
  if (indent.shapes.length < MAX_SHAPES) indent.shapes.push(shape);
  return shape;
}

function objectText(value: Record<string, unknown>, indent: Indent): string {
  const keys = Object.keys(value);
  const shape = shapeOf(keys, indent);
  indent.child ??= indentAt(`${indent.own}  `);
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const v = value[keys[i] as string];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += `${out === '' ? shape.first[i] : shape.next[i]}${jsonValue(v, indent.child)}`;
  }
  return out === '' ? '{}' : `{${out}\n${indent.own}}`;
}

/** A cell `writeCsvCell` would change beyond quoting: a formula trigger first, or a quote inside. */
const CSV_SPECIAL = /^[=+\-@\t\r']|"/;
const cell = (value: string) => (CSV_SPECIAL.test(value) ? writeCsvCell(value) : `"${value}"`);

const PURPOSE_COUNT = PURPOSES.length;
function csvPage(records: readonly ExportRecord[]): string {
  let out = '';
  for (const r of records) {
    const c = r.choices;
    let choices = '';
    for (let i = 0; i < PURPOSE_COUNT; i++)
      choices += `,"${c[PURPOSES[i] as (typeof PURPOSES)[number]] ?? ''}"`;
    out +=
      `"${r.id}","${r.schemaVersion}","${r.subjectId}","${r.siteId}",${cell(r.origin)},${cell(r.policyVersion)},` +
      `${r.policyUrl === null ? '""' : cell(r.policyUrl)},"${r.jurisdiction}","${r.method}","${r.gpc}",` +
      `"${r.language}","${r.createdAt}","${r.receivedAt ?? ''}","${r.previous ?? ''}"${choices},` +
      `${r.receipt === undefined ? '""' : cell(r.receipt)},"${r.noticeHash ?? ''}"\r\n`;
  }
  return out;
}

/** Text `escapeXmlText` would change: markup, CR, or a character XML cannot carry. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters the escape handles
const XML_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const text = (value: string) => (XML_SPECIAL.test(value) ? escapeXmlText(value) : value);

function xmlPage(records: readonly ExportRecord[]): string {
  let out = '';
  for (const r of records) {
    let s =
      `  <record id="${r.id}">\n    <schemaVersion>${r.schemaVersion}</schemaVersion>\n` +
      `    <subjectId>${r.subjectId}</subjectId>\n    <siteId>${r.siteId}</siteId>\n` +
      `    <origin>${text(r.origin)}</origin>\n    <policyVersion>${r.policyVersion}</policyVersion>\n`;
    if (r.policyUrl !== null) s += `    <policyUrl>${text(r.policyUrl)}</policyUrl>\n`;
    s +=
      `    <jurisdiction>${r.jurisdiction}</jurisdiction>\n    <method>${r.method}</method>\n` +
      `    <gpc>${r.gpc}</gpc>\n    <language>${r.language}</language>\n` +
      `    <createdAt>${r.createdAt}</createdAt>\n`;
    if (r.receivedAt !== undefined) s += `    <receivedAt>${r.receivedAt}</receivedAt>\n`;
    if (r.previous !== null) s += `    <previous>${r.previous}</previous>\n`;
    if (r.noticeHash !== undefined) s += `    <noticeHash>${r.noticeHash}</noticeHash>\n`;
    s += '    <choices>\n';
    const c = r.choices;
    for (let i = 0; i < PURPOSE_COUNT; i++) {
      const p = PURPOSES[i] as (typeof PURPOSES)[number];
      const v = c[p];
      if (v !== undefined) s += `      <choice purpose="${p}">${v}</choice>\n`;
    }
    s += '    </choices>\n';
    if (r.receipt !== undefined) s += `    <receipt>${r.receipt}</receipt>\n`;
    out += `${s}  </record>\n`;
  }
  return out;
}
