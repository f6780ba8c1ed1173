import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import {
  createDispatcher,
  createSender,
  type Handlers,
  MessageError,
  type WireRequest,
} from './messaging.js';

const TestMessages = {
  add: { request: z.strictObject({ a: z.number(), b: z.number() }), response: z.object({ sum: z.number() }) },
  echo: { request: z.strictObject({ text: z.string() }), response: z.object({ text: z.string() }) },
} as const;

const handlers: Handlers<typeof TestMessages, { trusted: boolean }> = {
  add: ({ a, b }) => ({ sum: a + b }),
  echo: ({ text }, ctx) => {
    if (!ctx.trusted) throw new MessageError('forbidden', 'untrusted sender');
    return { text };
  },
};

describe('typed messaging', () => {
  const dispatch = createDispatcher(TestMessages, handlers);

  it('dispatches a valid request to its handler', async () => {
    expect(await dispatch({ type: 'add', payload: { a: 2, b: 3 } }, { trusted: true })).toEqual({
      ok: true,
      value: { sum: 5 },
    });
  });

  it('refuses malformed envelopes, unknown types and bad payloads without calling a handler', async () => {
    expect(await dispatch('add', { trusted: true })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await dispatch({ type: 'toString', payload: {} }, { trusted: true })).toMatchObject({
      ok: false,
      error: { code: 'unknown-type' },
    });
    const bad = await dispatch({ type: 'add', payload: { a: '2', b: 3, extra: 1 } }, { trusted: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(bad.ok ? '' : bad.error.message).toContain('payload.a');
    expect(bad.ok ? '' : bad.error.message).toContain('payload.extra');
  });

  it('passes the context so handlers can check the sender', async () => {
    expect(await dispatch({ type: 'echo', payload: { text: 'hi' } }, { trusted: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'untrusted sender' },
    });
  });

  it('sends through a transport, parsing the answer', async () => {
    const send = createSender(TestMessages, (req: WireRequest) => dispatch(req, { trusted: true }));
    expect(await send('add', { a: 1, b: 1 })).toEqual({ sum: 2 });
    await expect(send('add', { a: 1, b: 'x' } as never)).rejects.toThrow(/payload.b/);
    const lying = createSender(TestMessages, async () => ({ ok: true, value: { sum: 'two' } }));
    await expect(lying('add', { a: 1, b: 1 })).rejects.toThrow(/malformed response to "add"/);
  });

  it('types requests and responses, and demands a handler per message', () => {
    const send = createSender(TestMessages, async () => ({ ok: true, value: { sum: 1 } }));
    expectTypeOf(send<'add'>).returns.resolves.toEqualTypeOf<{ sum: number }>();
    expectTypeOf(send<'add'>)
      .parameter(1)
      .toEqualTypeOf<{ a: number; b: number }>();
    // @ts-expect-error — a handler map without `echo` does not compile
    const missing: Handlers<typeof TestMessages, unknown> = { add: () => ({ sum: 0 }) };
    expect(missing).toBeDefined();
  });
});
