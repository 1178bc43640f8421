import { describe, expect, it } from "vitest";
import { scanSource } from "./untranslated-scan";

const texts = (file: string, source: string) => scanSource(file, source).map((f) => f.text);

describe("the untranslated-string scanner", () => {
  it("catches JSX text with letters", () => {
    const found = scanSource("a.tsx", `export const A = () => <p>\n  Hello world\n</p>;`);
    expect(found).toEqual([{ file: "a.tsx", line: 2, text: "Hello world", where: "jsx-text" }]);
  });

  it("catches literals in user-facing props, including template and conditional ones", () => {
    const source = `
      export const A = ({ n, on }: { n: string; on: boolean }) => (
        <div>
          <button aria-label="Close dialog" />
          <input placeholder={"Filter by name"} />
          <img alt={\`Picture of \${n}\`} />
          <span title={on ? "Enabled" : "Disabled"} />
          <Dialog confirmLabel={n ?? "Delete"} />
        </div>
      );`;
    expect(texts("a.tsx", source)).toEqual([
      "Close dialog",
      "Filter by name",
      "Picture of …",
      "Enabled",
      "Disabled",
      "Delete",
    ]);
  });

  it("catches literal children, label properties and toast messages", () => {
    const source = `
      const COLUMNS = [{ key: "name", header: "Name" }];
      export function A({ toast, name }: { toast: { show(m: string): void }; name: string }) {
        toast.show(\`Deleted \${name}.\`);
        return <p>{name ? "Named" : null}</p>;
      }`;
    expect(texts("a.tsx", source)).toEqual(["Name", "Deleted ….", "Named"]);
  });

  it("passes translated text, non-text props and symbols", () => {
    const source = `
      export function A({ t, name }: { t: (k: string, v?: object) => string; name: string }) {
        return (
          <section aria-label={t("title")} className="flex gap-2" data-state="open">
            <h1 title={t("named", { name })}>{t("heading")}</h1>
            <span>{name}</span> · <span>—</span> <b>{42}</b>
            <Link href="/identity/projects" key="projects" type="button">{t("projects")}</Link>
            <p>Zenith</p>
          </section>
        );
      }
      const NAV = [{ href: "/x", labelKey: "instances" }];`;
    expect(scanSource("a.tsx", source)).toEqual([]);
  });

  it("skips a line marked i18n-ignore", () => {
    const source = `
      export const A = () => (
        <pre>
          {/* i18n-ignore: a shell command */}
          {"openstack server list"}
        </pre>
      );`;
    expect(scanSource("a.tsx", source)).toEqual([]);
  });
});
