import type { LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("common");
  const name = t("rowAction", { action: label, subject });
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onClick}
      disabled={disabled}
      aria-label={name}
      title={name}
      className={danger ? "text-danger" : undefined}
    >
      <Icon size={15} aria-hidden />
      <span className="hidden xl:inline">{label}</span>
    </Button>
  );
}
