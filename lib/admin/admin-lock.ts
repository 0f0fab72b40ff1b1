import type { TTx } from '../db';

/**
 * Serialises changes to the set of administrators: the first statement of a role change or a
 * removal updates the console community's row, so on PostgreSQL a concurrent change waits for this
 * transaction's commit (row lock) and then, at READ COMMITTED, sees its result; SQLite runs one
 * transaction at a time anyway. Without it, two system admins demoting each other at the same
 * moment would each still count the other and leave none.
 */
export async function lockAdministrators(tx: TTx, now: Date): Promise<void> {
  await tx.community.updateMany({ where: { purpose: 'console' }, data: { updatedAt: now } });
}
