/** First retry after ~2 s: a server restarting is usually back by then. */
export const RETRY_BASE_MS = 2000;
/** Never wait more than 15 min: a person who revoked expects it to land the same session. */
export const RETRY_MAX_MS = 15 * 60 * 1000;

/**
 * Exponential backoff with jitter (half fixed, half random), so many browsers that lost the same
 * server do not all retry in the same second when it comes back.
 *
 * @example retryDelay(1, Math.random) // 1000–2000 ms
 */
export function retryDelay(attempts: number, random: () => number): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
