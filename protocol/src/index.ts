/**
 * @coreitsm/protocol — the one source of truth for shapes shared by the SDK, the extension and
 * the server: zod/mini schemas, their types, pure consent-state rules and the exporters.
 */
import * as z from 'zod/mini';

// zod probes `new Function` once to decide on compiled parsers; on a customer's page under a
// strict CSP that probe fires a CSP violation report. Our schemas are small: parse jitless.
z.config({ jitless: true });

export * from './bridge.js';
export * from './check-timestamp.js';
export * from './clock-skew.js';
export * from './export/csv-writer.js';
export * from './export/records-export.js';
export * from './export/records-export-stream.js';
export * from './export/xml-writer.js';
export * from './extension-mark.js';
export * from './extension-messages.js';
export * from './field-patterns.js';
export * from './http.js';
export * from './issues.js';
export * from './messaging.js';
export * from './narrowing.js';
export * from './notice.js';
export * from './primitives.js';
export * from './receipts.js';
export * from './record.js';
export * from './record-hash.js';
export * from './revocation-cookie.js';
export * from './rights.js';
export * from './site-config.js';
export * from './state.js';
export * from './vocabulary.js';
