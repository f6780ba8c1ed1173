import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsentRecord } from '@coreitsm/protocol';
import { afterAll, expect, it } from 'vitest';
import { makeRecord } from '../testing/backends.js';
import { runCli, startServer } from '../testing/spawn-cli.js';

/**
 * Durability: a 200 from POST /v1/records means stored for good. The real server runs on a SQLite
 * file under concurrent load, is killed with SIGKILL at a random moment, restarts on the same file,
 * and must hold every record it acknowledged (and an intact audit chain).
 */
const dir = mkdtempSync(join(tmpdir(), 'coreconsent-durability-'));
const db = join(dir, 'consent.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function post(url: string, path: string, token: string | undefined, body?: unknown) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

it('keeps every acknowledged record across a kill -9 under load', async () => {
  const first = await startServer(['--db', db]);
  const { subjectId, token } = (await (await post(first.url, '/v1/subjects', undefined)).json()) as {
    subjectId: string;
    token: string;
  };
  const acknowledged = new Set<string>();
  let killed = false;
  let failure: unknown;
  const sender = async () => {
    while (!killed) {
      const records: ConsentRecord[] = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () =>
        makeRecord(subjectId),
      );
      try {
        const res = await post(first.url, '/v1/records', token, { records });
        if (res.status === 200) for (const r of records) acknowledged.add(r.id);
        else throw new Error(`unexpected ${res.status}`);
      } catch (error) {
        if (killed) return;
        failure = error;
        throw error;
      }
    }
  };
  const senders = Array.from({ length: 8 }, sender);
  // A random moment under load: after a random number (40–200) of acknowledged records, plus a
  // random few milliseconds, so the kill lands anywhere in a request's life (parse, commit, fsync).
  const target = 40 + Math.floor(Math.random() * 160);
  while (acknowledged.size < target) {
    if (failure) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
  killed = true;
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  await Promise.all(senders);
  expect(acknowledged.size).toBeGreaterThanOrEqual(target);

  const second = await startServer(['--db', db]);
  try {
    const present = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await fetch(`${second.url}/v1/subjects/me/records?limit=100${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const page = (await res.json()) as { records: { id: string }[]; nextCursor: string | null };
      for (const r of page.records) present.add(r.id);
      cursor = page.nextCursor;
    } while (cursor);
    const missing = [...acknowledged].filter((id) => !present.has(id));
    expect(missing).toEqual([]);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
  const audit = runCli(['verify-audit', '--db', db]);
  expect(audit.stdout).toMatch(/^audit log ok: \d+ entries/);
  expect(audit.status).toBe(0);
});
