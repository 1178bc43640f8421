import type { ReactNode } from "react";
import { type CliSource, ShowCli } from "@/components/cli/show-cli";

/**
 * The dialog's buttons. With `cli`, a "Show the CLI" toggle joins the row and
 * opens the equivalent `openstack` command above it (one line per dialog).
 */
export function DialogActions({ children, cli }: { children: ReactNode; cli?: CliSource | undefined }) {
  if (cli) return <ShowCli cli={cli} actions={children} />;
  return <div className="mt-5 flex justify-end gap-2">{children}</div>;
}
