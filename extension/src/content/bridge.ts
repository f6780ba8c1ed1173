import {
  bridgeMessage,
  type ContentToBackgroundMessages,
  type ExtensionToSdkMessage,
  type OptionalPurpose,
  type RequestOf,
  type ResponseOf,
  type SdkToExtensionMessage,
  SdkToExtensionMessageSchema,
  type SiteSnapshot,
} from '@coreitsm/protocol';

type ContentMessages = typeof ContentToBackgroundMessages;
type AckPayload = Extract<SdkToExtensionMessage, { type: 'ack' }>['payload'];
/** The typed sender to the background (`createSender` over runtime messaging, or a fake). */
export type SendToBackground = <K extends keyof ContentMessages & string>(
  type: K,
  payload: RequestOf<ContentMessages, K>,
) => Promise<ResponseOf<ContentMessages, K>>;

export interface BridgeDeps {
  /** The page's window (in the content script's isolated world). */
  win: Window;
  send: SendToBackground;
  newId: () => string;
  /** How long the SDK may take to answer a revoke. */
  ackTimeoutMs?: number;
}

export interface Bridge {
  /** Asks the SDK to deny purposes; resolves with its answer (or not applied after a timeout). */
  revoke(purposes: OptionalPurpose[]): Promise<{ applied: boolean; recordId: string | null }>;
  /** Asks the SDK to announce its state. */
  hello(): void;
  stop(): void;
}

/**
 * The content-script side of the page bridge. The page is hostile territory: only messages from
 * this very window and origin are read, each is parsed against the bridge schema, an announce
 * must describe this origin, and what we send the SDK can only narrow (`revoke`) or ask (`hello`).
 */
export function startBridge({ win, send, newId, ackTimeoutMs = 3000 }: BridgeDeps): Bridge {
  const origin = win.location.origin;
  const waiting = new Map<string, (ack: AckPayload) => void>();

  const post = (message: ExtensionToSdkMessage) => win.postMessage(message, origin);

  function onAnnounce(snapshot: SiteSnapshot): void {
    if (snapshot.origin !== origin) return; // a snapshot for another origin is a forgery
    send('site:announce', { snapshot })
      .then(async ({ reapply }) => {
        if (reapply.length === 0) return;
        const { recordId } = await revoke(reapply);
        await send('site:revoked', { siteId: snapshot.siteId, recordId });
      })
      .catch((error: unknown) => console.warn('[coreitsm] announce refused:', error));
  }

  function onMessage(event: MessageEvent): void {
    if (event.source !== win || event.origin !== origin) return;
    // Our own copy: in Firefox the page's object reaches us through an Xray wrapper; a clone is plain data.
    let data: unknown;
    try {
      data = structuredClone(event.data);
    } catch {
      return; // not cloneable: not a bridge message
    }
    const parsed = SdkToExtensionMessageSchema.safeParse(data);
    if (!parsed.success) return; // not ours, or malformed: ignored either way
    const message = parsed.data;
    if (message.type === 'announce') onAnnounce(message.payload);
    else waiting.get(message.payload.replyTo)?.(message.payload);
  }

  function revoke(purposes: OptionalPurpose[]): Promise<{ applied: boolean; recordId: string | null }> {
    const id = newId();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve({ applied: false, recordId: null });
      }, ackTimeoutMs);
      waiting.set(id, (ack) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve({ applied: ack.ok, recordId: ack.recordId });
      });
      post(bridgeMessage('extension', 'revoke', id, { purposes }));
    });
  }

  const hello = () => post(bridgeMessage('extension', 'hello', newId(), {}));
  win.addEventListener('message', onMessage);
  return { revoke, hello, stop: () => win.removeEventListener('message', onMessage) };
}
