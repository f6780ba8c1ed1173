import type { Kysely, Migration } from 'kysely';
import { orderingTime } from '../../store/ordering-time.js';
import type { Database } from '../schema.js';

/**
 * Records stored before the server refused future dates (issue 10, finding 2) keep their bodies,
 * but their ordering key (`created_at`) becomes their receipt time when their `createdAt` was more
 * than the allowed skew ahead of it (see ordering-time.ts): a record dated 9999 no longer outranks
 * the choices and revocations made after it. Only rows dated after their receipt are read.
 */
export const futureDatedOrderMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const typed = db as unknown as Kysely<Database>;
    const ahead = await typed
      .selectFrom('consent_records')
      .select(['id', 'created_at', 'received_at'])
      .whereRef('created_at', '>', 'received_at')
      .execute();
    for (const row of ahead) {
      const key = orderingTime(row.created_at, row.received_at);
      if (key !== row.created_at)
        await typed
          .updateTable('consent_records')
          .set({ created_at: key })
          .where('id', '=', row.id)
          .execute();
    }
  },
  async down() {
    // The original dates are still in the bodies; the old order is not worth restoring.
  },
};
