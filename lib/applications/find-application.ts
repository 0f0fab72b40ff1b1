import type { TTx } from '../db';
import { AppError } from '../errors';
import { APPLICATION_DTO_SELECT, toApplicationDto, type TApplicationDto } from './application';

/** Longest application id looked up; anything longer cannot be one of ours. */
const MAX_ID_LENGTH = 128;

/**
 * The active application with this id (the `app.id` of a 002 init body).
 * @throws AppError `applications.not_found` for an unknown, disabled or malformed id
 */
export async function findActiveApplication(options: { db: TTx; applicationId: string | null | undefined }): Promise<TApplicationDto> {
  const id = (options.applicationId ?? '').trim();
  if (id.length === 0 || id.length > MAX_ID_LENGTH) throw new AppError('applications.not_found', { detail: 'missing or oversized app id' });
  const row = await options.db.application.findFirst({ where: { id, status: 'active' }, select: APPLICATION_DTO_SELECT });
  if (!row) throw new AppError('applications.not_found', { detail: id });
  return toApplicationDto(row);
}
