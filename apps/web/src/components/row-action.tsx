import type { LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

interface RowActionProps {
  icon: LucideIcon;
  label: string;
  /** Names the row, so "Delete" becomes "Delete acme" for assistive tech and tests. */
  subject: string;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean;
}

export function RowAction({ icon: Icon, label, subject, onClick, danger, disabled }: RowActionProps) {
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onClick}
      disabled={disabled}
      aria-label={`${label} ${subject}`}
      title={`${label} ${subject}`}
      className={danger ? "text-danger" : undefined}
    >
      <Icon size={15} aria-hidden />
      <span className="hidden xl:inline">{label}</span>
    </Button>
  );
}
