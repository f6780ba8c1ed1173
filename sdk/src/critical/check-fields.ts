/**
 * The protocol's field rules without zod, for the critical path: protocol's field-patterns.ts, the
 * one definition its zod schemas (primitives.ts) are built from.
 */
export {
  isHttpUrl,
  isOrigin,
  LANGUAGE,
  POLICY_VERSION,
  SHA256_HEX,
  SITE_ID,
  SUBJECT_ID,
} from '@coreitsm/protocol';
