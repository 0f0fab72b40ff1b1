import type { NextConfig } from 'next';
import { buildVersion } from './lib/config/build-version';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WebAssembly modules are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
    '@prisma/schema-engine-wasm',
    '@prisma/driver-adapter-utils',
  ],
  // The healthz version (<git-tag>.<commit>.<build-epoch>) is fixed when the build is made.
  env: { LATCHKEY_BUILD_VERSION: buildVersion() },
  // `npm run typecheck` checks the types (the test command runs it before the build); the build
  // does not check them a second time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
