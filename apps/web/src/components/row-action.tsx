import { ArrowRight, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { ACTION_ICONS } from "@/components/action-icons";
import type { RowMenuItem } from "@/components/row-menu";
import { Button } from "@/components/ui/button";

interface RowActionProps {
  icon: LucideIcon;
  label: string;
  /** Names the row, so "Delete" becomes "Delete acme" for assistive tech and tests. */
  subject: string;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean;
  /** Why it does not apply: disables it and says so on hover. */
  disabledReason?: string | null;
}

export function RowAction({
  icon: Icon,
  label,
  subject,
  onClick,
  danger,
  disabled,
  disabledReason,
}: RowActionProps) {
  const t = useTranslations("common");
  const name = t("rowAction", { action: label, subject });
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onClick}
      disabled={disabled || Boolean(disabledReason)}
      aria-label={name}
      title={disabledReason ?? name}
      className={danger ? "text-danger" : undefined}
    >
      <Icon size={15} aria-hidden />
      <span className="hidden xl:inline">{label}</span>
    </Button>
  );
}

/**
 * A row's menu items (the list the command palette offers too) as inline
 * buttons, for tables with a few actions per row; one that does not apply
 * is disabled and says why. Icons by key (`ACTION_ICONS`).
 */
export function RowActionButtons({ subject, items }: { subject: string; items: readonly RowMenuItem[] }) {
  return (
    <>
      {items.map((item) => (
        <RowAction
          key={item.key}
          icon={ACTION_ICONS[item.key] ?? ArrowRight}
          label={item.label}
          subject={subject}
          danger={item.danger}
          disabledReason={item.disabledReason}
          onClick={item.onSelect}
        />
      ))}
    </>
  );
}
