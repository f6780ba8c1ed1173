import { CreateSubjectResponseSchema } from '@coreitsm/protocol';
import type { BrowserContext } from '@playwright/test';

export interface SubjectCredentials {
  readonly subjectId: string;
  readonly token: string;
}

/**
 * Catches the answer to the SDK's `POST /v1/subjects` (the token is shown only once), so a test can
 * call the server as that subject — exactly what the extension does with the token it is given.
 * Watches every page of the context, so the call may happen in any tab.
 */
export function watchSubjects(context: BrowserContext, serverUrl: string) {
  const seen: SubjectCredentials[] = [];
  const waiters: ((s: SubjectCredentials) => void)[] = [];
  context.on('response', (response) => {
    const request = response.request();
    if (
      request.method() !== 'POST' ||
      response.url() !== `${serverUrl}/v1/subjects` ||
      response.status() !== 201
    )
      return;
    response.json().then(
      (body: unknown) => {
        const parsed = CreateSubjectResponseSchema.safeParse(body);
        if (!parsed.success) return;
        seen.push(parsed.data);
        for (const wake of waiters.splice(0)) wake(parsed.data);
      },
      () => undefined,
    );
  });
  return {
    /** Every subject created so far. */
    all: (): readonly SubjectCredentials[] => seen,
    /** The first subject the SDK created (waits for it, up to `timeoutMs`). */
    first(timeoutMs = 10_000): Promise<SubjectCredentials> {
      const [found] = seen;
      if (found) return Promise.resolve(found);
      return new Promise((resolveSubject, fail) => {
        const timer = setTimeout(
          () =>
            fail(
              new Error(
                `the SDK did not create a subject (POST ${serverUrl}/v1/subjects) within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
        waiters.push((s) => {
          clearTimeout(timer);
          resolveSubject(s);
        });
      });
    },
  };
}
