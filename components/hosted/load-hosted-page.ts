import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { getHostedCommunity } from '@/lib/tenancy/get-hosted-community';
import { getSessionFromCookies } from '@/lib/http/session-cookie';

/**
 * Server-side loading shared by every hosted page, in both URL forms (`/login` for the default
 * community, `/c/{communityId}/login` for any): the community or a 404, and the session.
 * Wrapped in React's cache() so metadata and page share one query per request.
 */
export const loadHostedCommunity = cache(async (communityId: string | undefined) => {
  const community = await getHostedCommunity({ db: getDb(), communityId });
  if (!community) notFound();
  return community;
});

export type THostedCommunity = Awaited<ReturnType<typeof loadHostedCommunity>>;

export const loadHostedSession = cache(async (communityId: string) => getSessionFromCookies(communityId));

/** The community and the signed-in user; redirects to the community's sign-in page without a session. */
export async function loadSignedInPage(communityId: string | undefined) {
  const community = await loadHostedCommunity(communityId);
  const session = await loadHostedSession(community.id);
  if (!session) redirect(community.paths.login);
  return { community, user: session.user };
}

/** `<title>` of a hosted page: "Sign in · Acme" (the community's name, not Latchkey's). */
export async function hostedMetadata(title: string, communityId: string | undefined): Promise<Metadata> {
  const community = await loadHostedCommunity(communityId);
  return { title: { absolute: `${title} · ${community.branding.displayName}` }, robots: { index: false } };
}
