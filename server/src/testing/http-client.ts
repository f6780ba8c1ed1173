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

/** A POST to a server listening on `url` (a spawned process), the JSON it answered included. */
export async function post(url: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}
