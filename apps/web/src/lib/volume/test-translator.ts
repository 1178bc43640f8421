import { createTranslator } from "next-intl";
import { messagesFor } from "../../i18n/catalog";

/** The volume area's English messages, for tests that assert what the portal says. */
export function englishVolumeT() {
  return createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "volume" });
}
