"use client";

import { useState } from "react";
import { Tabs } from "@/components/tabs";
import { BackupsPanel } from "@/components/volume/backups-panel";
import { SnapshotsPanel } from "@/components/volume/snapshots-panel";
import { TransfersPanel } from "@/components/volume/transfers-panel";
import { VolumesTable } from "@/components/volume/volumes-table";

const TABS = [
  { key: "volumes", label: "Volumes" },
  { key: "snapshots", label: "Snapshots" },
  { key: "backups", label: "Backups" },
  { key: "transfers", label: "Transfers" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

/** Project → Volumes: the volumes table, and the project's snapshots, backups and pending transfers. */
export function VolumesView({ initialTab }: { initialTab?: string | undefined }) {
  const [tab, setTab] = useState<TabKey>(() => TABS.find((t) => t.key === initialTab)?.key ?? "volumes");
  return (
    <Tabs label="Block storage" tabs={TABS} current={tab} onChange={setTab}>
      {tab === "volumes" ? <VolumesTable scope="project" /> : null}
      {tab === "snapshots" ? <SnapshotsPanel /> : null}
      {tab === "backups" ? <BackupsPanel /> : null}
      {tab === "transfers" ? <TransfersPanel /> : null}
    </Tabs>
  );
}
