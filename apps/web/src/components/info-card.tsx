import type { ReactNode } from "react";

export function InfoCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-border bg-surface p-4">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</h2>
      <div className="text-sm">{children}</div>
    </section>
  );
}
