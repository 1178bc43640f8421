import { useTranslations } from "next-intl";
import type { WebEnv } from "@/env";

const KEY = { chosen: "chosen", "no-image": "noImage", "no-qemu": "noQemu" } as const;

/** Shown on every portal page where `npm start` runs no QEMU host: instances are simulated, and why. */
export function SimulatedComputeNote({ reason }: { reason: WebEnv["ZENITH_SIMULATED_REASON"] }) {
  const t = useTranslations("shell.simulatedCompute");
  return (
    <p
      role="note"
      className="mb-4 rounded-lg border border-border bg-surface px-4 py-2 text-sm text-fg-muted"
    >
      {t.rich(KEY[reason], { code: (chunks) => <code>{chunks}</code> })}
    </p>
  );
}
