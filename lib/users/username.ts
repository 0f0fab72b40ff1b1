import { z } from 'zod';

/**
 * Usernames are compared case-insensitively: stored in NFKC lower case, trimmed. Letters,
 * digits and . _ - @ + are allowed, so email addresses work as usernames.
 */
export const ZUsername = z
  .string()
  .trim()
  .transform((v) => v.normalize('NFKC').toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'Enter a username.')
      .max(64, 'A username has at most 64 characters.')
      .regex(/^[\p{L}\p{N}._@+-]+$/u, 'Use letters, digits and . _ - @ + only.'),
  );

export const ZDisplayName = z.string().trim().min(1, 'Enter your name.').max(64, 'A name has at most 64 characters.');

export type TUserDto = { id: string; username: string; displayName: string };

export function toUserDto(row: { id: string; username: string; displayName: string }): TUserDto {
  return { id: row.id, username: row.username, displayName: row.displayName };
}
