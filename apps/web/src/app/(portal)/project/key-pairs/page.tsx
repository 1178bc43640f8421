import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { KeyPairsView } from "./key-pairs-view";

export const metadata: Metadata = { title: "Key pairs" };

export default function KeyPairsPage() {
  return (
    <>
      <PageHeader
        title="Key pairs"
        description="SSH public keys put into new instances, so you can log in without a password."
      />
      <KeyPairsView />
    </>
  );
}
