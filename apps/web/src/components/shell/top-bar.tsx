import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PublicSession } from "@/auth/public-session";
import { CommandPalette } from "@/components/palette/command-palette";
import { ProjectSwitcher } from "./project-switcher";
import { UserMenu } from "./user-menu";

export function TopBar({ session }: { session: PublicSession }) {
  const t = useTranslations("shell");
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-4 border-b border-border bg-surface px-4">
      <div className="flex items-center gap-6">
        <Link href="/project" className="text-lg font-semibold tracking-tight">
          {t("home")}
        </Link>
        <ProjectSwitcher current={session.project} />
      </div>
      <CommandPalette isAdmin={session.isAdmin} userId={session.user.id} />
      <UserMenu userName={session.user.name} domainName={session.user.domainName} />
    </header>
  );
}
