import { z } from 'zod';
import { ZListQuery, type TListQuery } from '../admin/list-query';

/**
 * Inputs of the console's Users section, shared by the use-cases (server) and the page's forms
 * (client): the list query with its community filter, and the account status change.
 */

/** The users list: `q`, `page`, `pageSize` of every console list, plus `?communityId=` (one community in scope). */
export const ZUserListQuery = ZListQuery.extend({
  communityId: z
    .string()
    .trim()
    .max(64, 'Choose a community from the list.')
    .optional()
    .transform((v) => (v ? v : undefined)),
}).strict();
export type TUserListQuery = z.output<typeof ZUserListQuery>;
export type TUserListQueryInput = z.input<typeof ZUserListQuery>;

export const USER_STATUSES = ['active', 'disabled'] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];

/** Disable or enable an account: `{status: "disabled" | "active"}`. */
export const ZUserStatusInput = z.object({ status: z.enum(USER_STATUSES, { message: 'status must be "active" or "disabled".' }) }).strict();
export type TUserStatusInput = z.output<typeof ZUserStatusInput>;

/**
 * The list query of a page's URL search params (server components): bad values fall back to the
 * defaults instead of failing the page (the JSON endpoint answers them with a 400).
 */
export function userListQueryFromSearchParams(params: Record<string, string | string[] | undefined>, base: TListQuery): TUserListQuery {
  const raw = Array.isArray(params.communityId) ? params.communityId[0] : params.communityId;
  const communityId = ZUserListQuery.shape.communityId.safeParse(raw);
  return { ...base, communityId: communityId.success ? communityId.data : undefined };
}
