import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  transpilePackages: ["@zenith/api-client", "@zenith/bff", "@zenith/net-rules"],
  // `npm test` typechecks every workspace, this one included, in a step of its own (scripts/test.mjs):
  // the build need not check the same files again there.
  typescript: { ignoreBuildErrors: process.env.ZENITH_BUILD_TYPECHECKED_ELSEWHERE === "1" },
};

// The locale comes from a cookie or Accept-Language (src/i18n/request.ts), never the URL.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

export default withNextIntl(nextConfig);
