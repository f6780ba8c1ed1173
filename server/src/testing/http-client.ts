import type { App } from '../app.js';

/** Small helpers over `app.request()` so tests read like the contract. */
export function client(app: App) {
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary response bodies
    return { status: res.status, headers: res.headers, text, json: json as any };
  };
  return {
    call,
    async newSubject(): Promise<{ subjectId: string; token: string }> {
      const res = await call('POST', '/v1/subjects');
      if (res.status !== 201) throw new Error(`POST /v1/subjects: ${res.status} ${res.text}`);
      return res.json;
    },
  };
}
