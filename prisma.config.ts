import { defineConfig } from "prisma/config";

// Migrations are applied by @zenith/db at start (PGlite or PostgreSQL), so
// the CLI is only used for `prisma generate`; the URL is a placeholder for it.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://zenith@localhost:5432/zenith" },
});
