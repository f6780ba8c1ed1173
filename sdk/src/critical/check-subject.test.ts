import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SubjectInfoSchema } from '../storage/stored-values.js';
import { isSubjectInfo } from './check-subject.js';

// The banner's write reuses a stored subject only when the full runtime's zod parse would too.
describe('isSubjectInfo agrees with SubjectInfoSchema', () => {
  it('on generated subjects and near misses', () => {
    const subject = fc.record(
      {
        subjectId: fc.oneof(fc.stringMatching(/^sub_[A-Za-z0-9_-]{0,130}$/), fc.string({ maxLength: 12 })),
        token: fc.oneof(fc.constant(null), fc.string({ maxLength: 260 }), fc.constant(''), fc.integer()),
        api: fc.oneof(
          fc.constant(null),
          fc.webUrl(),
          fc.constantFrom('', 'ftp://x', '/api', 'javascript:x'),
          fc.boolean(),
        ),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(subject, fc.anything()), (value) => {
        expect(isSubjectInfo(value), fc.stringify(value)).toBe(SubjectInfoSchema.safeParse(value).success);
      }),
      { numRuns: 3000 },
    );
  });
});
