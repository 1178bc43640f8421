import { ArrowRight } from "lucide-react";
import { ACTION_ICONS } from "@/components/action-icons";
import type { RowMenuItem } from "@/components/row-menu";
import { Button } from "@/components/ui/button";

/**
 * A resource page's actions as header buttons: the same menu items its row
 * and the command palette offer. `primary` stands out; `titles` adds a hint
 * to an item that applies (one that does not says why instead).
 */
export function ActionButtons({
  items,
  primary,
  titles = {},
}: {
  items: readonly RowMenuItem[];
  primary?: string;
  titles?: Readonly<Record<string, string | undefined>>;
}) {
  return (
    <>
      {items.map((item) => {
        const Icon = ACTION_ICONS[item.key] ?? ArrowRight;
        return (
          <Button
            key={item.key}
            variant={item.key === primary ? "primary" : item.danger ? "danger" : undefined}
            onClick={item.onSelect}
            disabled={Boolean(item.disabledReason)}
            title={item.disabledReason ?? titles[item.key]}
          >
            <Icon size={16} aria-hidden /> {item.label}
          </Button>
        );
      })}
    </>
  );
}
