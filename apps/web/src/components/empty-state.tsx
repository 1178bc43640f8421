import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
}

export function EmptyState({ icon: Icon, title, children }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-border bg-surface px-6 py-12 text-center">
      <Icon size={28} aria-hidden className="text-fg-muted" />
      <h2 className="text-base font-semibold">{title}</h2>
      {children ? <div className="max-w-lg text-sm text-fg-muted">{children}</div> : null}
    </div>
  );
}
