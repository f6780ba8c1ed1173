/**
 * A response body from an async sequence of texts, pulled one piece at a time: the next piece is
 * produced only when the client has taken the previous one (backpressure), so a slow reader costs
 * memory for one piece, not for the whole body. A failure mid-way errors the stream, which aborts
 * the response (the client sees a broken download, never a silently truncated file).
 */
export function textStream(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await pieces.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await pieces.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
