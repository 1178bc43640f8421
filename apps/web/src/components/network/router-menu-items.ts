import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type RouterMenuT = ReturnType<typeof useTranslations<"network.routerMenu">>;
export type RouterMenuAction = "edit" | "gateway" | "clearGateway" | "delete";

/** What of a router the menu needs: whether it has a gateway, how many interfaces. */
export interface RouterMenuSubject {
  gateway: object | null;
  interfaceCount: number;
}

/**
 * The row menu of a router, in the table, on its page and in the command
 * palette; those that do not apply say why. `view` (the table's "View
 * details") comes first when given.
 */
export function routerMenuItems(
  t: RouterMenuT,
  router: RouterMenuSubject,
  open: (action: RouterMenuAction) => void,
  view?: () => void,
): RowMenuItem[] {
  const items: RowMenuItem[] = view ? [{ key: "view", label: t("view"), onSelect: view }] : [];
  items.push(
    { key: "edit", label: t("edit"), onSelect: () => open("edit") },
    {
      key: "gateway",
      label: router.gateway ? t("changeGateway") : t("setGateway"),
      onSelect: () => open("gateway"),
    },
    {
      key: "clearGateway",
      label: t("clearGateway"),
      danger: true,
      disabledReason: router.gateway ? null : t("noGatewayReason"),
      onSelect: () => open("clearGateway"),
    },
    {
      key: "delete",
      label: t("delete"),
      danger: true,
      disabledReason:
        router.interfaceCount > 0 ? t("removeInterfacesFirst", { count: router.interfaceCount }) : null,
      onSelect: () => open("delete"),
    },
  );
  return items;
}
