export interface DailyValue {
  date: string;
  value: number;
}

interface DailyBarChartProps {
  title: string;
  /** The value's unit in words, e.g. "vCPU hours". */
  unit: string;
  days: readonly DailyValue[];
}

const WIDTH = 560;
const HEIGHT = 160;
const AXIS = 18;

function shortDate(date: string): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00`);
  if (Number.isNaN(at.getTime())) return date;
  return at.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/**
 * One bar per day. The SVG is a picture of the table below it: the same
 * numbers are in a data table for screen readers and for copying.
 */
export function DailyBarChart({ title, unit, days }: DailyBarChartProps) {
  const max = Math.max(1, ...days.map((d) => d.value));
  const slot = WIDTH / Math.max(1, days.length);
  const barWidth = Math.max(4, slot * 0.65);
  const total = days.reduce((sum, d) => sum + d.value, 0);

  return (
    <figure className="rounded-lg border border-border bg-surface p-4">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{title}</span>
        <span className="text-xs text-fg-muted">
          {round(total)} {unit} in {days.length} days
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} className="h-44 w-full" aria-hidden>
        <line x1="0" x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="stroke-border" strokeWidth="1" />
        {days.map((day, index) => {
          const height = (day.value / max) * (HEIGHT - 8);
          const x = index * slot + (slot - barWidth) / 2;
          return (
            <g key={day.date}>
              <rect
                x={x}
                y={HEIGHT - height}
                width={barWidth}
                height={Math.max(height, day.value > 0 ? 1 : 0)}
                rx="2"
                className="fill-accent"
              >
                <title>{`${shortDate(day.date)}: ${round(day.value)} ${unit}`}</title>
              </rect>
              {index % 2 === 0 || days.length <= 7 ? (
                <text
                  x={index * slot + slot / 2}
                  y={HEIGHT + 13}
                  textAnchor="middle"
                  className="fill-fg-muted text-[10px]"
                >
                  {shortDate(day.date)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">Show as table</summary>
        <table aria-label={title} className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-fg-muted uppercase">
            <tr>
              <th scope="col" className="py-1 font-semibold">
                Day
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date} className="border-t border-border">
                <td className="py-1">{shortDate(day.date)}</td>
                <td className="py-1 text-right tabular-nums">{round(day.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
