import { MessageError } from '@coreitsm/protocol';
import { isManagedOrigin, originOf } from './managed-origins.js';

/** The part of `runtime.MessageSender` the checks read (so tests build it without a browser). */
export interface ContentSender {
  id?: string | undefined;
  url?: string | undefined;
  frameId?: number | undefined;
  /** `favIconUrl`: the icon the browser shows for the tab (read for the site's icon, never trusted as a place to fetch from elsewhere). */
  tab?: { id?: number | undefined; url?: string | undefined; favIconUrl?: string | undefined } | undefined;
}

/**
 * The origin a content-script message speaks for, after checking who sent it: our own extension,
 * from the top frame of a tab on a managed origin. Anything else is refused: a page must never
 * be able to write another site's entry.
 */
export function verifiedSenderOrigin(
  sender: ContentSender,
  extensionId: string,
  added: readonly string[],
): { origin: string; tabId: number } {
  if (sender.id !== extensionId) throw new MessageError('forbidden', 'message from another extension');
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new MessageError('forbidden', 'message not from a tab');
  if (sender.frameId !== undefined && sender.frameId !== 0)
    throw new MessageError('forbidden', 'message not from the top frame');
  const origin = originOf(sender.tab?.url);
  const frameOrigin = originOf(sender.url);
  if (!origin) throw new MessageError('forbidden', 'sender tab has no http(s) origin');
  // The document that sent it (sender.url) must be the tab's own document, not a frame elsewhere.
  if (frameOrigin !== null && frameOrigin !== origin)
    throw new MessageError('forbidden', 'sender document and tab disagree on the origin');
  if (!isManagedOrigin(origin, added)) throw new MessageError('forbidden', `${origin} is not a managed site`);
  return { origin, tabId };
}
