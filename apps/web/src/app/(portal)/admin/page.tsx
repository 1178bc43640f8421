import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { InfoCard } from "@/components/info-card";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Admin overview" };

const IDENTITY_LINKS = [
  { href: "/identity/projects", label: "Projects", text: "Create projects and manage their members." },
  { href: "/identity/users", label: "Users", text: "Create users, reset passwords, disable accounts." },
  { href: "/identity/groups", label: "Groups", text: "Group users to grant roles together." },
  { href: "/identity/roles", label: "Roles", text: "Define the roles policies check." },
];

export default function AdminOverviewPage() {
  return (
    <>
      <PageHeader
        title="Admin overview"
        description="Cloud-wide administration. Only administrators see this."
      />
      <div className="mb-6 grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {IDENTITY_LINKS.map((link) => (
          <InfoCard key={link.href} title={link.label}>
            <p className="text-fg-muted">{link.text}</p>
            <Link href={link.href} className="mt-2 inline-block font-medium text-accent hover:underline">
              Open {link.label.toLowerCase()}
            </Link>
          </InfoCard>
        ))}
      </div>
      <EmptyState icon={ShieldCheck} title="Hypervisors and usage arrive with the compute service">
        Host capacity, all-project instances and usage reports will be listed here.
      </EmptyState>
    </>
  );
}
