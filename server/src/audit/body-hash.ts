import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../auth/tokens.js';

/**
 * The hashes an audit entry carries for the rows it wrote, recomputed by verification from the
 * tables (issue 10, finding 3). Each is sha256 over a JSON array of the row's fields in a fixed
 * order (unambiguous separators, no key-order questions). Personal data (a request's contact and
 * details, a step's admin note) is never hashed bare — a hash of an e-mail address can be found by
 * guessing — but committed with a random salt kept in the row beside it: erasure deletes the salt
 * with the data, and what stays in the chain no longer links to anyone.
 */

/** A stored record: its body is already canonical JSON (see canonical-record.ts); the receipt's "h" is the same hash. */
export function recordBodyHash(body: string): string {
  return sha256Hex(body);
}

export interface RequestHashInput {
  id: string;
  subject_id: string;
  kind: string;
  jurisdiction: string;
  site_id: string | null;
  received_at: string;
  due_at: string;
}

/** The fields of a rights request that never change (its status is checked against its steps). */
export function rightsRequestHash(row: RequestHashInput): string {
  return sha256Hex(
    JSON.stringify([
      row.id,
      row.subject_id,
      row.kind,
      row.jurisdiction,
      row.site_id,
      row.received_at,
      row.due_at,
    ]),
  );
}

export interface StepHashInput {
  request_id: string;
  step: number;
  status: string;
  at: string;
}

/** One step of a request's workflow, without its note (which is personal data: see noteCommitment). */
export function rightsStepHash(row: StepHashInput): string {
  return sha256Hex(JSON.stringify([row.request_id, Number(row.step), row.status, row.at]));
}

/** A request's contact and details, salted. */
export function personalCommitment(salt: string, contact: string | null, details: string | null): string {
  return sha256Hex(JSON.stringify(['personal', salt, contact, details]));
}

/** A step's admin note, salted. */
export function noteCommitment(salt: string, note: string): string {
  return sha256Hex(JSON.stringify(['note', salt, note]));
}

/** 128 random bits: too many to guess, so a commitment says nothing once its salt is erased. */
export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}
