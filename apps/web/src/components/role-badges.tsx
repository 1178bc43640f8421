import { useTranslations } from "next-intl";

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  const t = useTranslations("common");
  if (roles.length === 0) return <span className="text-fg-muted">{t("noRoles")}</span>;
  return (
    <ul aria-label={t("roles")} className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <li key={role} className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent">
          {role}
        </li>
      ))}
    </ul>
  );
}
