"use client";

import { useTranslations } from "next-intl";
import { UsageDays } from "@/components/usage/usage-days";
import { UsagePanel, useUsageRange } from "@/components/usage/usage-panel";
import { trpc } from "@/trpc/react";

/**
 * The project's usage over a chosen range (this month by default): totals,
 * per day, and a CSV per instance per day. The CSV is read as of the page's
 * reading, so its columns add up to the totals shown here.
 */
export function ProjectUsage() {
  const usageRange = useUsageRange();
  const { range, valid } = usageRange;
  const usage = trpc.usage.project.useQuery(range, { enabled: valid, placeholderData: (prev) => prev });
  const utils = trpc.useUtils();
  const t = useTranslations("usage.project");
  return (
    <UsagePanel
      headingId="usage-heading"
      title={t("title")}
      usageRange={usageRange}
      query={usage}
      fetchCsv={(asOf) => utils.usage.projectCsv.fetch({ ...range, asOf })}
      emptyText={(data) => (data.totals.instances > 0 ? undefined : t("emptyHint"))}
    >
      {(data) => <UsageDays days={data.days} />}
    </UsagePanel>
  );
}
