import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { menuItem } from "../menu-item";

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
  const count = router.interfaceCount;
  return [
    ...(view ? [{ key: "view", label: t("view"), onSelect: view }] : []),
    menuItem("edit", t("edit"), open),
    menuItem("gateway", router.gateway ? t("changeGateway") : t("setGateway"), open),
    menuItem("clearGateway", t("clearGateway"), open, {
      danger: true,
      reason: router.gateway ? null : t("noGatewayReason"),
    }),
    menuItem("delete", t("delete"), open, {
      danger: true,
      reason: count > 0 ? t("removeInterfacesFirst", { count }) : null,
    }),
  ];
}
