import { useTranslations } from "next-intl";
import type { WebEnv } from "@/env";

/** Shown on every portal page when `npm start` runs the fake network driver: networks exist, no packet flows. */
export function SimulatedNetworkNote({ reason }: { reason: WebEnv["ZENITH_SIMULATED_NETWORK_REASON"] }) {
  const t = useTranslations("shell.simulatedNetwork");
  return (
    <p
      role="note"
      className="mb-4 rounded-lg border border-border bg-surface px-4 py-2 text-sm text-fg-muted"
    >
      {t.rich(reason === "chosen" ? "chosen" : "noRights", { code: (chunks) => <code>{chunks}</code> })}
    </p>
  );
}
