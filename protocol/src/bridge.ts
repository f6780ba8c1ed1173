import * as z from 'zod/mini';
import {
  HttpUrlSchema,
  OriginSchema,
  PolicyVersionSchema,
  RecordIdSchema,
  SiteIdSchema,
  SiteNameSchema,
  SubjectIdSchema,
} from './primitives.js';
import { ReceiptSchema } from './receipts.js';
import { AnyConsentRecordSchema } from './record.js';
import { SiteStateSchema } from './state.js';
import { JurisdictionSchema, OptionalPurposeSchema } from './vocabulary.js';

/**
 * The page ↔ extension bridge: messages over `window.postMessage` between the SDK (page world)
 * and the extension's content script (isolated world). Anything on the page can post these, so
 * the envelope is namespaced and versioned, every message is parsed, and the only thing the
 * extension can ask of the SDK is to *narrow* consent — there is no message that grants.
 */
export const BRIDGE_NAMESPACE = 'coreitsm-consent';
/** Bumped on any incompatible change; each side ignores versions it does not know. */
export const BRIDGE_VERSION = 1;

/** A bridge message id correlates a request with its answer; 64 chars fits a UUID with room to spare. */
const MessageIdSchema = z.string().check(z.minLength(1), z.maxLength(64));

/** A person's history on one site rarely passes a few dozen records; 1,000 bounds a hostile page. */
export const MAX_BRIDGE_HISTORY = 1000;

/** What the SDK tells the extension about its site: enough to show, export and revoke it. */
export const SiteSnapshotSchema = z.strictObject({
  siteId: SiteIdSchema,
  origin: OriginSchema,
  policyVersion: PolicyVersionSchema,
  policyUrl: z.nullable(HttpUrlSchema),
  jurisdiction: JurisdictionSchema,
  /** The server the SDK syncs with (`data-api`), or null when it works offline only. */
  api: z.nullable(HttpUrlSchema),
  subjectId: z.nullable(SubjectIdSchema),
  /** The subject's bearer token, so the extension can revoke at the server when no tab is open. */
  token: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
  state: z.nullable(SiteStateSchema),
  history: z.array(AnyConsentRecordSchema).check(z.maxLength(MAX_BRIDGE_HISTORY)),
  /** The site's own name (site configuration `siteName`; issue 9), shown by the extension. Optional: older SDKs send none. */
  siteName: z.optional(SiteNameSchema),
  /**
   * The server's receipts for records of `history`, by record id (issue 11). Optional: a record
   * not yet delivered, and older SDKs, have none. At most one per history record; the extension
   * verifies each against the server's published keys, so nothing here is believed as sent.
   */
  receipts: z.optional(
    z
      .record(RecordIdSchema, ReceiptSchema)
      .check(z.refine((receipts) => Object.keys(receipts).length <= MAX_BRIDGE_HISTORY, 'too many')),
  ),
});
export type SiteSnapshot = z.infer<typeof SiteSnapshotSchema>;

const envelope = <From extends 'sdk' | 'extension', Type extends string, P extends z.core.$ZodType>(
  from: From,
  type: Type,
  payload: P,
) =>
  z.strictObject({
    ns: z.literal(BRIDGE_NAMESPACE),
    v: z.literal(BRIDGE_VERSION),
    from: z.literal(from),
    id: MessageIdSchema,
    type: z.literal(type),
    payload,
  });

/** extension → SDK: "tell me your state" (the SDK answers with `announce`). */
export const BridgeHelloSchema = envelope('extension', 'hello', z.strictObject({}));
/**
 * extension → SDK: deny these purposes. Narrowing by construction: the payload can only name
 * purposes to deny. `sale_sharing`/`sensitive_limit` denied = opted out.
 */
export const BridgeRevokeSchema = envelope(
  'extension',
  'revoke',
  z.strictObject({ purposes: z.array(OptionalPurposeSchema).check(z.minLength(1), z.maxLength(5)) }),
);
/** SDK → extension: the site's snapshot, on load, on `hello` and after every change. */
export const BridgeAnnounceSchema = envelope('sdk', 'announce', SiteSnapshotSchema);
/** SDK → extension: the answer to a `revoke` (`replyTo` is the request's id). */
export const BridgeAckSchema = envelope(
  'sdk',
  'ack',
  z.strictObject({
    replyTo: MessageIdSchema,
    ok: z.boolean(),
    recordId: z.nullable(RecordIdSchema),
    error: z.optional(z.string().check(z.maxLength(500))),
  }),
);

export const ExtensionToSdkMessageSchema = z.discriminatedUnion('type', [
  BridgeHelloSchema,
  BridgeRevokeSchema,
]);
export type ExtensionToSdkMessage = z.infer<typeof ExtensionToSdkMessageSchema>;

export const SdkToExtensionMessageSchema = z.discriminatedUnion('type', [
  BridgeAnnounceSchema,
  BridgeAckSchema,
]);
export type SdkToExtensionMessage = z.infer<typeof SdkToExtensionMessageSchema>;

/** Builds a well-formed envelope around a payload (both sides use it, so the shape lives in one place). */
export function bridgeMessage<M extends ExtensionToSdkMessage | SdkToExtensionMessage>(
  from: M['from'],
  type: M['type'],
  id: string,
  payload: M['payload'],
): M {
  return { ns: BRIDGE_NAMESPACE, v: BRIDGE_VERSION, from, id, type, payload } as M;
}
