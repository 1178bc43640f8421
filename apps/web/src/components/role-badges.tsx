export function RoleBadges({ roles }: { roles: readonly string[] }) {
  if (roles.length === 0) return <span className="text-fg-muted">No roles</span>;
  return (
    <ul aria-label="Roles" className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <li key={role} className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent">
          {role}
        </li>
      ))}
    </ul>
  );
}
