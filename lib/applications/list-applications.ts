import type { TTx } from '../db';
import { APPLICATION_DTO_SELECT, toApplicationDto, type TApplicationDto } from './application';

/** Applications, newest first, optionally of one community. */
export async function listApplications(options: { db: TTx; communityId?: string }): Promise<TApplicationDto[]> {
  const rows = await options.db.application.findMany({
    where: options.communityId ? { communityId: options.communityId } : {},
    select: APPLICATION_DTO_SELECT,
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(toApplicationDto);
}
