import commonEn from "../../messages/en/common.json";
import computeEn from "../../messages/en/compute.json";
import dataTableEn from "../../messages/en/dataTable.json";
import identityEn from "../../messages/en/identity.json";
import loginEn from "../../messages/en/login.json";
import paletteEn from "../../messages/en/palette.json";
import settingsEn from "../../messages/en/settings.json";
import shellEn from "../../messages/en/shell.json";
import commonZh from "../../messages/zh-CN/common.json";
import computeZh from "../../messages/zh-CN/compute.json";
import dataTableZh from "../../messages/zh-CN/dataTable.json";
import identityZh from "../../messages/zh-CN/identity.json";
import loginZh from "../../messages/zh-CN/login.json";
import paletteZh from "../../messages/zh-CN/palette.json";
import settingsZh from "../../messages/zh-CN/settings.json";
import shellZh from "../../messages/zh-CN/shell.json";
import type { Locale } from "./locales";

/**
 * Every area's messages, one JSON file per area and locale
 * (`messages/<locale>/<area>.json`), so engineers converting different areas
 * never edit the same file but this one, where an area adds one line per
 * locale. The file name is the namespace: `useTranslations("shell")`.
 * The English files are the source of truth: their shape types every key
 * (see app-config.d.ts) and the key-check test holds the others to them.
 */
const EN = {
  common: commonEn,
  compute: computeEn,
  dataTable: dataTableEn,
  identity: identityEn,
  login: loginEn,
  palette: paletteEn,
  settings: settingsEn,
  shell: shellEn,
};

export type AppMessages = typeof EN;

const CATALOG: Record<Locale, AppMessages> = {
  en: EN,
  "zh-CN": {
    common: commonZh,
    compute: computeZh,
    dataTable: dataTableZh,
    identity: identityZh,
    login: loginZh,
    palette: paletteZh,
    settings: settingsZh,
    shell: shellZh,
  },
};

export function messagesFor(locale: Locale): AppMessages {
  return CATALOG[locale];
}
