"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Tabs } from "@/components/tabs";
import { BackupsPanel } from "@/components/volume/backups-panel";
import { SnapshotsPanel } from "@/components/volume/snapshots-panel";
import { TransfersPanel } from "@/components/volume/transfers-panel";
import { VolumesTable } from "@/components/volume/volumes-table";

const TAB_KEYS = ["volumes", "snapshots", "backups", "transfers"] as const;
type TabKey = (typeof TAB_KEYS)[number];

/** Project → Volumes: the volumes table, and the project's snapshots, backups and pending transfers. */
export function VolumesView({ initialTab }: { initialTab?: string | undefined }) {
  const t = useTranslations("volume.page");
  const tabs = useMemo(() => TAB_KEYS.map((key) => ({ key, label: t(`tabs.${key}`) })), [t]);
  const [tab, setTab] = useState<TabKey>(() => TAB_KEYS.find((k) => k === initialTab) ?? "volumes");
  return (
    <Tabs label={t("tabsLabel")} tabs={tabs} current={tab} onChange={setTab}>
      {tab === "volumes" ? <VolumesTable scope="project" /> : null}
      {tab === "snapshots" ? <SnapshotsPanel /> : null}
      {tab === "backups" ? <BackupsPanel /> : null}
      {tab === "transfers" ? <TransfersPanel /> : null}
    </Tabs>
  );
}
