/** An application of the FIDO2 API 2.0 dialect (`app.id`, WIRE-NOTES §2). */
export type TApplicationDto = {
  id: string;
  communityId: string;
  name: string;
  /** Web origins the application's pages run on; each belongs to the community. */
  origins: string[];
  /** Whether reg/init may create a user without a token. */
  allowSignUp: boolean;
  /** Lifetime of the jwtAccess tokens issued to it, seconds. */
  tokenTtlSeconds: number;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
};

export const APPLICATION_DTO_SELECT = {
  id: true,
  communityId: true,
  name: true,
  origins: true,
  allowSignUp: true,
  tokenTtlSeconds: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toApplicationDto(row: {
  id: string;
  communityId: string;
  name: string;
  origins: unknown;
  allowSignUp: boolean;
  tokenTtlSeconds: number;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}): TApplicationDto {
  return {
    id: row.id,
    communityId: row.communityId,
    name: row.name,
    origins: Array.isArray(row.origins) ? (row.origins as string[]) : [],
    allowSignUp: row.allowSignUp,
    tokenTtlSeconds: row.tokenTtlSeconds,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Shortest and longest jwtAccess lifetime an application may choose (5 minutes .. 24 hours). */
export const TOKEN_TTL_MIN_SECONDS = 300;
export const TOKEN_TTL_MAX_SECONDS = 86_400;
