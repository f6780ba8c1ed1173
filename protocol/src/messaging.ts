import * as z from 'zod/mini';
import { formatIssues } from './issues.js';

/**
 * Typed request/response messaging over any transport (extension runtime messages, workers).
 * A map names each message with its request and response schema; `createSender` gives a typed
 * `send(name, payload)`; `createDispatcher` takes one handler per name — a missing handler is a
 * compile error — and parses every request before a handler sees it.
 */
export interface MessageSpec {
  readonly request: z.core.$ZodType;
  readonly response: z.core.$ZodType;
}
export type MessageMap = Readonly<Record<string, MessageSpec>>;

export type RequestOf<M extends MessageMap, K extends keyof M> = z.infer<M[K]['request']>;
export type ResponseOf<M extends MessageMap, K extends keyof M> = z.infer<M[K]['response']>;

/** What travels on the wire for a request. */
export interface WireRequest {
  type: string;
  payload: unknown;
}
/** What travels back: a value, or an error with a code a caller can branch on. */
export type WireResponse =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: 'bad-request' | 'unknown-type' | 'forbidden' | 'failed'; message: string } };

const WireRequestSchema = z.object({ type: z.string().check(z.maxLength(64)), payload: z.unknown() });
const WireResponseSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(['bad-request', 'unknown-type', 'forbidden', 'failed']),
      message: z.string(),
    }),
  }),
]);

/** A handler may refuse with a code by throwing this. */
export class MessageError extends Error {
  constructor(
    readonly code: 'bad-request' | 'forbidden' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

export type Handlers<M extends MessageMap, Ctx> = {
  [K in keyof M]: (payload: RequestOf<M, K>, context: Ctx) => Promise<ResponseOf<M, K>> | ResponseOf<M, K>;
};

/**
 * A dispatcher: give it whatever arrived and a context (e.g. the sender); it answers a WireResponse.
 *
 * @example
 * const dispatch = createDispatcher(ExtensionMessages, { 'sites:list': async () => ({ sites }) , … });
 * browser.runtime.onMessage.addListener((msg, sender) => dispatch(msg, sender));
 */
export function createDispatcher<M extends MessageMap, Ctx>(map: M, handlers: Handlers<M, Ctx>) {
  return async (message: unknown, context: Ctx): Promise<WireResponse> => {
    const wire = WireRequestSchema.safeParse(message);
    if (!wire.success)
      return { ok: false, error: { code: 'bad-request', message: formatIssues(wire.error) } };
    const { type } = wire.data;
    if (!Object.hasOwn(map, type)) {
      return { ok: false, error: { code: 'unknown-type', message: `unknown message type "${type}"` } };
    }
    const spec = map[type] as MessageSpec;
    const parsed = z.safeParse(spec.request, wire.data.payload);
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad-request', message: formatIssues(parsed.error, 'payload') } };
    }
    try {
      const handler = handlers[type as keyof M];
      return { ok: true, value: await handler(parsed.data as RequestOf<M, keyof M>, context) };
    } catch (error) {
      const code = error instanceof MessageError ? error.code : 'failed';
      return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

/**
 * A typed sender over a transport. Responses are parsed with the map's schema too: the other
 * side may be an older build, and a trust boundary is checked in both directions.
 */
export function createSender<M extends MessageMap>(
  map: M,
  transport: (request: WireRequest) => Promise<unknown>,
) {
  return async <K extends keyof M & string>(type: K, payload: RequestOf<M, K>): Promise<ResponseOf<M, K>> => {
    const raw = await transport({ type, payload });
    const wire = WireResponseSchema.safeParse(raw);
    if (!wire.success) throw new Error(`malformed response to "${type}": ${formatIssues(wire.error)}`);
    if (!wire.data.ok)
      throw new MessageError(
        wire.data.error.code === 'unknown-type' ? 'failed' : wire.data.error.code,
        wire.data.error.message,
      );
    const value = z.safeParse((map[type] as MessageSpec).response, wire.data.value);
    if (!value.success) throw new Error(`malformed response to "${type}": ${formatIssues(value.error)}`);
    return value.data as ResponseOf<M, K>;
  };
}
