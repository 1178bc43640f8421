import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { FloatingIpsTable } from "@/components/network/floating-ips-table";
import { PageHeader } from "@/components/page-header";
import { FLOATING_IPS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "All floating IPs" };

export default function AdminFloatingIpsPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="All floating IPs"
        description="Floating IPs of every project. Associating uses the floating IP's own project's instances; a new allocation goes to your current project."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={FLOATING_IPS_LIST}
        scope="all"
        searchParams={searchParams}
      >
        <FloatingIpsTable scope="all" />
      </PrefetchedList>
    </>
  );
}
