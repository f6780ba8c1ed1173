import { expect, it } from 'vitest';
import { describeBackends } from '../testing/describe-backends.js';
import { preparedQuery } from './prepared-query.js';

describeBackends('preparedQuery', (ctx) => {
  const insertSubjects = preparedQuery((db, p, size) =>
    db.insertInto('subjects').values(
      Array.from({ length: size }, (_, i) => ({
        // Columns in another order than the table's, so a positional mix-up would show.
        erased_at: p(`erased${i}`),
        created_at: p(`created${i}`),
        token_hash: p(`hash${i}`),
        id: p(`id${i}`),
      })),
    ),
  );
  const byIds = preparedQuery((db, p, size) =>
    db
      .selectFrom('subjects')
      .select(['id', 'token_hash', 'created_at', 'erased_at'])
      .where(
        'id',
        'in',
        Array.from({ length: size }, (_, i) => p(`id${i}`)),
      )
      .orderBy('id'),
  );

  it('binds each value to its named parameter, for every size, on the same compiled text', async () => {
    const { db } = ctx.store;
    for (const size of [1, 3, 1]) {
      const values: Record<string, unknown> = {};
      const ids = Array.from({ length: size }, (_, i) => `sub_pq_${size}_${i}_${Math.random()}`);
      ids.forEach((id, i) => {
        Object.assign(values, {
          [`id${i}`]: id,
          [`hash${i}`]: `h-${id}`,
          [`created${i}`]: `c-${id}`,
          [`erased${i}`]: null,
        });
      });
      await insertSubjects.run(db, values, size);
      const lookup = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
      const { rows } = await byIds.run(db, lookup, size);
      expect(rows).toEqual(
        [...ids].sort().map((id) => ({ id, token_hash: `h-${id}`, created_at: `c-${id}`, erased_at: null })),
      );
    }
  });

  it('refuses a missing value and a query value that is not a param()', async () => {
    await expect(byIds.run(ctx.store.db, {}, 1)).rejects.toThrow('no value for param "id0"');
    const constant = preparedQuery((db) => db.selectFrom('subjects').select('id').where('id', '=', 'x'));
    await expect(constant.run(ctx.store.db, {})).rejects.toThrow('is not a param()');
  });
});
