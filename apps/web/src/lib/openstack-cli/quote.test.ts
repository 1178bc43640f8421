import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { quoteArg } from "./quote";
import { command, comment, renderLine, renderScript } from "./script";

/** What a POSIX shell would hand the program: shell-quote's parser, strings only. */
function argvOf(line: string): string[] {
  return parse(line).map((t) => {
    if (typeof t !== "string") throw new Error(`not a plain word: ${JSON.stringify(t)}`);
    return t;
  });
}

const TRICKY = [
  "plain",
  "two words",
  "it's",
  `say "hi"`,
  "$HOME and $PATH and $(rm -rf /) and `id`",
  "line one\nline two",
  "tab\there",
  "中文名称 и кириллица 🚀",
  "<password>",
  "a*b?[c]",
  "semi;colon|pipe&amp>redirect<",
  "back\\slash",
  "#not-a-comment",
  "~tilde",
  "'",
  "''",
  "!bang",
  "key=value with space",
  "",
];

describe("quoteArg", () => {
  it.each(TRICKY)("round-trips %j through a POSIX parser", (arg) => {
    expect(argvOf(quoteArg(arg))).toEqual([arg]);
  });

  it("leaves safe words bare and single-quotes the rest", () => {
    expect(quoteArg("m1.tiny")).toBe("m1.tiny");
    expect(quoteArg("start=10.0.0.2,end=10.0.0.9")).toBe("start=10.0.0.2,end=10.0.0.9");
    expect(quoteArg("<password>")).toBe("'<password>'");
    expect(quoteArg("my vm")).toBe("'my vm'");
    expect(quoteArg("it's")).toBe(`'it'"'"'s'`);
    expect(quoteArg("")).toBe("''");
    expect(quoteArg("$x")).toBe("'$x'");
  });

  it("keeps every argument of a command apart, whatever it holds", () => {
    const line = command("server", "create", "--description", "a\nb $c 'd'", "名前");
    expect(argvOf(renderLine(line))).toEqual([
      "openstack",
      "server",
      "create",
      "--description",
      "a\nb $c 'd'",
      "名前",
    ]);
  });
});

describe("renderScript", () => {
  it("renders comments as one line each and commands as quoted argv", () => {
    const text = renderScript([
      comment("first\nsecond"),
      command("volume", "create", "--size", "1", "my vol"),
    ]);
    expect(text).toBe("# first second\nopenstack volume create --size 1 'my vol'");
  });

  it("drops empty and undefined arguments", () => {
    expect(renderLine(command("a", "", undefined, false, "b"))).toBe("openstack a b");
  });
});
