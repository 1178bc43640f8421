import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { RolesView } from "./roles-view";

export const metadata: Metadata = { title: "Roles" };

export default function RolesPage() {
  return (
    <>
      <PageHeader
        title="Roles"
        description="Roles name what a user may do in a project. admin implies member, member implies reader."
      />
      <RolesView />
    </>
  );
}
