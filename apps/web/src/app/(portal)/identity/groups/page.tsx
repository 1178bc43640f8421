import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { GroupsView } from "./groups-view";

export const metadata: Metadata = { title: "Groups" };

export default function GroupsPage() {
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups collect users; a role granted to a group on a project applies to every member."
      />
      <GroupsView />
    </>
  );
}
