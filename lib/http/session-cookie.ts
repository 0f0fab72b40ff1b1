import { cookies } from 'next/headers';
import { getConfig } from '../config';
import { getDb } from '../db';
import { findSession, type TSession } from '../sessions/sessions';

/** One session cookie per community, so signing in to one realm never signs in to another. */
export function sessionCookieName(communityId: string): string {
  return `lk_session_${communityId}`;
}

/** HttpOnly, SameSite=Lax, Secure when served over https (issue: signed-in state). */
export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: getConfig().publicUrl.protocol === 'https:', path: '/', expires };
}

/** The signed-in session of a community for server components (reads the request cookies). */
export async function getSessionFromCookies(communityId: string): Promise<TSession | undefined> {
  const jar = await cookies();
  return findSession({ db: getDb(), communityId, token: jar.get(sessionCookieName(communityId))?.value });
}
