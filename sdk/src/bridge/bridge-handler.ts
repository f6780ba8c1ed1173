import {
  bridgeMessage,
  ExtensionToSdkMessageSchema,
  type OptionalPurpose,
  type SdkToExtensionMessage,
  type SiteSnapshot,
} from '@coreitsm/protocol';

/** What the bridge needs from the SDK; passed in so the handler is testable without a page. */
export interface BridgeDeps {
  /** The page's own window: only messages it posted to itself are considered. */
  window: Pick<Window, 'postMessage'>;
  origin: string;
  snapshot: () => Promise<SiteSnapshot>;
  /** Denies `purposes` (never grants); resolves to the new record id, or the current one when nothing changed. */
  revoke: (purposes: OptionalPurpose[]) => Promise<string | null>;
  newId: () => string;
  debug?: (message: string) => void;
}

/** Minimal view of a `MessageEvent`, so tests can pass plain objects. */
export interface BridgeEventLike {
  source: unknown;
  origin: string;
  data: unknown;
}

/**
 * The SDK side of the page ↔ extension bridge. The page is hostile: a message counts only if
 * this window posted it to itself (`source === window`), from our own origin, and it parses as an
 * extension→SDK envelope. Anything else is dropped silently. `revoke` can only narrow.
 */
export function createBridgeHandler(deps: BridgeDeps) {
  const post = (message: SdkToExtensionMessage) => deps.window.postMessage(message, deps.origin);

  async function announce(): Promise<void> {
    post(bridgeMessage('sdk', 'announce', deps.newId(), await deps.snapshot()));
  }

  async function handle(event: BridgeEventLike): Promise<void> {
    if (event.source !== deps.window || event.origin !== deps.origin) return;
    const parsed = ExtensionToSdkMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      // Our own outgoing messages and other scripts' traffic land here too: no noise.
      if ((event.data as { from?: unknown } | null)?.from === 'extension')
        deps.debug?.('ignored a malformed bridge message');
      return;
    }
    const message = parsed.data;
    if (message.type === 'hello') {
      await announce();
      return;
    }
    try {
      const recordId = await deps.revoke(message.payload.purposes);
      post(bridgeMessage('sdk', 'ack', deps.newId(), { replyTo: message.id, ok: true, recordId }));
    } catch (error) {
      const text = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      post(
        bridgeMessage('sdk', 'ack', deps.newId(), {
          replyTo: message.id,
          ok: false,
          recordId: null,
          error: text,
        }),
      );
    }
    await announce();
  }

  return { handle, announce };
}
