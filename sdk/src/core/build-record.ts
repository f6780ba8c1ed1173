import type { Choices, ConsentRecord, Method } from '@coreitsm/protocol';
import { snapshot } from './choices.js';
import { SCHEMA_VERSION } from './schema-version.js';
import type { SdkConfig } from './types.js';

export interface RecordInput {
  id: string;
  subjectId: string;
  choices: Choices;
  method: Method;
  gpc: boolean;
  language: string;
  now: Date;
  previous: string | null;
  /** The hash of the notice the person decided on (core/notice.ts); every record the SDK makes has one. */
  noticeHash?: string | undefined;
}

/**
 * A new immutable record: a full snapshot of the jurisdiction's purposes (missing ones denied,
 * `necessary` granted), in the contract's field order.
 */
export function buildRecord(config: SdkConfig, input: RecordInput): ConsentRecord {
  return {
    id: input.id,
    schemaVersion: SCHEMA_VERSION,
    subjectId: input.subjectId,
    siteId: config.siteId,
    origin: config.origin,
    policyVersion: config.policyVersion,
    policyUrl: config.policyUrl,
    jurisdiction: config.jurisdiction,
    choices: snapshot(config.jurisdiction, (p) => input.choices[p] ?? 'denied', config.site?.purposes),
    method: input.method,
    gpc: input.gpc,
    language: input.language,
    createdAt: input.now.toISOString(),
    previous: input.previous,
    ...(input.noticeHash && { noticeHash: input.noticeHash }),
  };
}
