import { useFormatter, useTranslations } from "next-intl";
import { formatAge } from "@/i18n/format";

/**
 * How long ago `iso` was ("17 sec", "3 min"; "17秒", "3分钟"), as a <time>,
 * in the reader's language. Pages render on the server first: the browser
 * hydrates a moment later, when the age may read one second more, so the
 * text is allowed to differ there (React keeps the server's until the row
 * renders again, which the live tables do). `ago` adds the language's
 * "… ago" around it.
 */
export function Age({ iso, ago = false }: { iso: string; ago?: boolean }) {
  const format = useFormatter();
  const t = useTranslations("common");
  const age = formatAge(format, iso);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {ago ? t("ago", { age }) : age}
    </time>
  );
}
