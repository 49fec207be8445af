import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The demo simulator and the poller use node:http; keep them out of any browser bundle by design
  // (lib/server imports "server-only"), and let the server bundle load yaml natively.
  serverExternalPackages: ["yaml"],
};

export default nextConfig;
