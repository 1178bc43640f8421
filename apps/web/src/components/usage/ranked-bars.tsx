"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface RankedItem {
  key: string;
  label: string;
  value: number;
}

interface RankedBarsProps {
  title: string;
  /** Heading of the value column, e.g. "vCPU hours". */
  unit: string;
  items: readonly RankedItem[];
  format?: (n: number) => string;
}

/**
 * Horizontal bars, largest first, with the same numbers in a table (the
 * accessible view). Local and small on purpose: the shared chart component
 * of issue 12 replaces it when it lands. Colours are the theme's variables.
 */
export function RankedBars({ title, unit, items, format = (n) => n.toFixed(2) }: RankedBarsProps) {
  const data = items.map((i) => ({ label: i.label, value: i.value }));
  return (
    <figure className="rounded-lg border border-border bg-surface p-4">
      <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>
      <div className="w-full" style={{ height: Math.max(80, items.length * 28 + 16) }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--color-border)" />
            <XAxis type="number" hide domain={[0, "auto"]} />
            <YAxis
              type="category"
              dataKey="label"
              width={120}
              tick={{ fill: "var(--color-fg-muted)", fontSize: 11 }}
              tickLine={false}
              axisLine={{ stroke: "var(--color-border)" }}
            />
            <Tooltip
              cursor={{ fill: "var(--color-accent-soft)" }}
              contentStyle={{
                background: "var(--color-surface)",
                border: "1px solid var(--color-border)",
                borderRadius: 6,
                fontSize: 12,
                color: "var(--color-fg)",
              }}
              formatter={(value) => [`${format(Number(value))} ${unit}`, title]}
            />
            <Bar dataKey="value" fill="var(--color-accent)" radius={[0, 2, 2, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">Show as table</summary>
        <table aria-label={title} className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-fg-muted uppercase">
            <tr>
              <th scope="col" className="py-1 font-semibold">
                Name
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.key} className="border-t border-border">
                <td className="py-1">{i.label}</td>
                <td className="py-1 text-right tabular-nums">{format(i.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
