import { CreateSubjectResponseSchema } from '@coreitsm/protocol';
import type { BrowserContext, Page } from '@playwright/test';
import { localHistory } from './consent-page.js';

export interface SubjectCredentials {
  readonly subjectId: string;
  readonly token: string;
}

export interface SubjectWatcher {
  /** Every subject created so far. */
  all(): readonly SubjectCredentials[];
  /** The first subject the SDK created (waits for it, up to `timeoutMs`). */
  first(timeoutMs?: number): Promise<SubjectCredentials>;
  /**
   * The subject the page's SDK keeps its record `recordId` under — the one to ask the server about.
   * Needed when a page navigates while its subject is being created: the answer of that first
   * `POST /v1/subjects` is then lost to the page (a known limitation: the server keeps an empty
   * subject nobody holds) and the next load creates another, so "the first" is not always the one.
   */
  holding(page: Page, recordId: string, timeoutMs?: number): Promise<SubjectCredentials>;
}

/**
 * Catches the answer to the SDK's `POST /v1/subjects` (the token is shown only once), so a test can
 * call the server as that subject — exactly what the extension does with the token it is given.
 * Watches every page of the context, so the call may happen in any tab.
 *
 * Why a route and not a `response` listener: a listener reads the body from the page, and that body
 * is gone when the page navigates before it is read (a reload right after a click), which left tests
 * waiting for a subject that had been created. A route fetches the answer itself, in the test
 * process, and hands the same bytes to the page. When the server is down (offline specs) the route
 * fails the request as the network would.
 */
export async function watchSubjects(context: BrowserContext, serverUrl: string): Promise<SubjectWatcher> {
  const seen: SubjectCredentials[] = [];
  const waiters: ((s: SubjectCredentials) => void)[] = [];
  const endpoint = `${serverUrl}/v1/subjects`;
  const remember = (body: unknown): void => {
    const parsed = CreateSubjectResponseSchema.safeParse(body);
    if (!parsed.success || seen.some((s) => s.subjectId === parsed.data.subjectId)) return;
    seen.push(parsed.data);
    for (const wake of waiters.splice(0)) wake(parsed.data);
  };
  await context.route(endpoint, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    let response: Awaited<ReturnType<typeof route.fetch>>;
    try {
      response = await route.fetch();
    } catch {
      // The server is stopped (or the context is closing): the page sees what it would see offline.
      return route.abort('connectionrefused').catch(() => undefined);
    }
    const body = await response.body();
    if (response.status() === 201) {
      try {
        remember(JSON.parse(body.toString('utf8')));
      } catch {
        // Not JSON: the SDK will reject it too; nothing to remember.
      }
    }
    await route.fulfill({ response, body }).catch(() => undefined);
  });
  // Fallback for requests the route does not see (e.g. a service worker's own fetch).
  context.on('response', (response) => {
    if (response.request().method() !== 'POST' || response.url() !== endpoint || response.status() !== 201)
      return;
    response.json().then(remember, () => undefined);
  });

  const first = (timeoutMs = 10_000): Promise<SubjectCredentials> => {
    const [found] = seen;
    if (found) return Promise.resolve(found);
    return new Promise((resolveSubject, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`the SDK did not create a subject (POST ${endpoint}) within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.push((s) => {
        clearTimeout(timer);
        resolveSubject(s);
      });
    });
  };

  const holding = async (page: Page, recordId: string, timeoutMs = 15_000): Promise<SubjectCredentials> => {
    await first(timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = (await localHistory(page)).find((r) => r.id === recordId);
      const owner = record && seen.find((s) => s.subjectId === record.subjectId);
      if (owner) return owner;
      if (Date.now() > deadline)
        throw new Error(
          `no subject created in this context holds record ${recordId} (its subject: ${record?.subjectId ?? 'record not found'}; created: ${seen.map((s) => s.subjectId).join(', ') || 'none'})`,
        );
      await page.waitForTimeout(100);
    }
  };

  return { all: () => seen, first, holding };
}
