// What every server bench sends and measures: a time-ordered record id, a valid GDPR record, and
// the CPU time a process has used (from /proc, so it does not swing with other work on a shared
// machine the way request rates do).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A UUIDv7: 48-bit millisecond time, version 7, RFC 4122 variant. */
export function uuidV7() {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A valid consent record of `subjectId` (a fresh id each call). */
export function sampleRecord(subjectId) {
  return {
    id: uuidV7(),
    schemaVersion: 1,
    subjectId,
    siteId: 'servicedesk',
    origin: 'http://localhost:8081',
    policyVersion: '2026-04-08',
    policyUrl: 'http://localhost:8081/privacy',
    jurisdiction: 'gdpr',
    choices: { necessary: 'granted', functional: 'denied', analytics: 'granted', marketing: 'denied' },
    method: 'preferences',
    gpc: false,
    language: 'en',
    createdAt: new Date().toISOString(),
    previous: null,
  };
}

/** CPU ms (user + system) a process has used; undefined where /proc is missing (not Linux). */
export function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/**
 * The URL a spawned server prints once it listens ("listening on http://…" on its stdout, which must
 * be piped); rejects if it exits first. `name` is for that message.
 */
export function listeningUrl(child, name = 'server') {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}
