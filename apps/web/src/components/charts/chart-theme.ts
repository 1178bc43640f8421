/**
 * Recharts styling from the theme's CSS variables, so every chart reads in
 * both themes and changes with them without a re-render.
 */
export const chartTick = { fill: "var(--color-fg-muted)", fontSize: 10 } as const;
export const chartAxisLine = { stroke: "var(--color-border)" } as const;
export const chartCursor = { fill: "var(--color-accent-soft)" } as const;
export const chartTooltipStyle = {
  background: "var(--color-surface)",
  border: "1px solid var(--color-border)",
  borderRadius: 6,
  fontSize: 12,
  color: "var(--color-fg)",
} as const;
