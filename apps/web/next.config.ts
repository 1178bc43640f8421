import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  transpilePackages: ["@zenith/api-client", "@zenith/bff", "@zenith/net-rules"],
};

export default nextConfig;
