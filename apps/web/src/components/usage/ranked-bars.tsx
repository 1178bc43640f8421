"use client";

import { useTranslations } from "next-intl";
import { BarFigure, type BarRow } from "@/components/charts/bar-figure";

export type RankedItem = BarRow;

interface RankedBarsProps {
  title: string;
  /** Heading of the value column, e.g. "vCPU hours". */
  unit: string;
  items: readonly RankedItem[];
  format?: (n: number) => string;
}

/** Horizontal bars, largest first (the caller orders them), named beside each bar. */
export function RankedBars({ title, unit, items, format = (n) => n.toFixed(2) }: RankedBarsProps) {
  const t = useTranslations("charts");
  return (
    <BarFigure
      title={title}
      unit={unit}
      labelHeading={t("name")}
      rows={items}
      format={format}
      orientation="ranking"
    />
  );
}
