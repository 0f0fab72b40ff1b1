import { handleAdminAuth } from '@/lib/http/admin-auth';

// next-auth for the admin console (sign-in with a passkey or a setup link, CSRF, sign-out): see
// lib/http/admin-auth.ts and docs/admin/README.md.
export const GET = handleAdminAuth;
export const POST = handleAdminAuth;
