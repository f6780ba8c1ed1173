import type * as z from 'zod/mini';

/**
 * zod/mini ships no message locale (that is part of why it is small): its default message is
 * "Invalid input". We write our own short messages from the issue codes — cheaper than loading
 * zod's English locale into the SDK — and keep any message a schema set explicitly.
 */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `is too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `is too big (maximum ${String(issue.maximum)})`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_union':
      return 'does not match any allowed shape';
    default:
      return 'is invalid';
  }
}

/** One entry per problem: the dotted field path and what is wrong with it. */
export function listIssues(error: z.core.$ZodError, prefix = ''): { path: string; message: string }[] {
  const join = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.') || '(root)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: join([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: join(issue.path), message: describe(issue) }],
  );
}

/**
 * Turns a zod error into one line per problem, each naming the field by its path,
 * e.g. `choices.necessary: must be "granted"; createdAt: must be an ISO 8601 UTC timestamp`.
 *
 * @example
 * const r = ConsentRecordSchema.safeParse(input);
 * if (!r.success) console.error(`CoreConsent: invalid record: ${formatIssues(r.error)}`);
 */
export function formatIssues(error: z.core.$ZodError, prefix = ''): string {
  return listIssues(error, prefix)
    .map(({ path, message }) => `${path}: ${message}`)
    .join('; ');
}
