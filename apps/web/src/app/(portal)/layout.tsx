import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { currentSession } from "@/auth/current-session";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { SideNav } from "@/components/shell/side-nav";
import { SimulatedComputeNote } from "@/components/shell/simulated-compute-note";
import { SimulatedNetworkNote } from "@/components/shell/simulated-network-note";
import { TopBar } from "@/components/shell/top-bar";
import { env } from "@/env";
import { TrpcProvider } from "@/trpc/trpc-provider";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/login?reason=expired");
  const t = await getTranslations("shell");

  return (
    <TrpcProvider>
      <a
        href="#main"
        className="sr-only z-50 rounded bg-accent px-3 py-2 text-accent-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("skipToContent")}
      </a>
      <TopBar session={session} />
      <div className="flex min-h-[calc(100vh-3.5rem)]">
        <aside className="w-60 shrink-0 border-r border-border bg-surface">
          <SideNav isAdmin={session.isAdmin} />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-6 py-5">
          {env().ZENITH_SIMULATED_COMPUTE && <SimulatedComputeNote reason={env().ZENITH_SIMULATED_REASON} />}
          {env().ZENITH_SIMULATED_NETWORK && (
            <SimulatedNetworkNote reason={env().ZENITH_SIMULATED_NETWORK_REASON} />
          )}
          <Breadcrumbs />
          {children}
        </main>
      </div>
    </TrpcProvider>
  );
}
