import adminEn from "../../messages/en/admin.json";
import bffErrorsEn from "../../messages/en/bffErrors.json";
import chartsEn from "../../messages/en/charts.json";
import commonEn from "../../messages/en/common.json";
import computeEn from "../../messages/en/compute.json";
import dataTableEn from "../../messages/en/dataTable.json";
import identityEn from "../../messages/en/identity.json";
import loginEn from "../../messages/en/login.json";
import networkEn from "../../messages/en/network.json";
import paletteEn from "../../messages/en/palette.json";
import settingsEn from "../../messages/en/settings.json";
import shellEn from "../../messages/en/shell.json";
import topologyEn from "../../messages/en/topology.json";
import usageEn from "../../messages/en/usage.json";
import volumeEn from "../../messages/en/volume.json";
import adminZh from "../../messages/zh-CN/admin.json";
import bffErrorsZh from "../../messages/zh-CN/bffErrors.json";
import chartsZh from "../../messages/zh-CN/charts.json";
import commonZh from "../../messages/zh-CN/common.json";
import computeZh from "../../messages/zh-CN/compute.json";
import dataTableZh from "../../messages/zh-CN/dataTable.json";
import identityZh from "../../messages/zh-CN/identity.json";
import loginZh from "../../messages/zh-CN/login.json";
import networkZh from "../../messages/zh-CN/network.json";
import paletteZh from "../../messages/zh-CN/palette.json";
import settingsZh from "../../messages/zh-CN/settings.json";
import shellZh from "../../messages/zh-CN/shell.json";
import topologyZh from "../../messages/zh-CN/topology.json";
import usageZh from "../../messages/zh-CN/usage.json";
import volumeZh from "../../messages/zh-CN/volume.json";
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
  admin: adminEn,
  bffErrors: bffErrorsEn,
  charts: chartsEn,
  common: commonEn,
  compute: computeEn,
  dataTable: dataTableEn,
  identity: identityEn,
  login: loginEn,
  network: networkEn,
  palette: paletteEn,
  settings: settingsEn,
  shell: shellEn,
  volume: volumeEn,
  topology: topologyEn,
  usage: usageEn,
};

export type AppMessages = typeof EN;

const CATALOG: Record<Locale, AppMessages> = {
  en: EN,
  "zh-CN": {
    admin: adminZh,
    bffErrors: bffErrorsZh,
    charts: chartsZh,
    common: commonZh,
    compute: computeZh,
    dataTable: dataTableZh,
    identity: identityZh,
    login: loginZh,
    network: networkZh,
    palette: paletteZh,
    settings: settingsZh,
    shell: shellZh,
    volume: volumeZh,
    topology: topologyZh,
    usage: usageZh,
  },
};

export function messagesFor(locale: Locale): AppMessages {
  return CATALOG[locale];
}
