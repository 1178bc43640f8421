import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { UsersView } from "./users-view";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts that can log in. Give a user a role on a project to let them work in it."
      />
      <UsersView />
    </>
  );
}
