import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The validation messages, in the reader's language (`compute.keyPairs.validation`). */
export type KeyPairValidationT = ReturnType<typeof useTranslations<"compute.keyPairs.validation">>;

/** The key pair forms' schemas, built with the reader's language (call once per render, in a useMemo). */
export function keyPairSchemas(t: KeyPairValidationT) {
  const name = z
    .string()
    .trim()
    .min(1, t("enterName"))
    .max(255, t("atMost", { max: 255 }))
    .regex(/^[A-Za-z0-9 ._@-]+$/, t("allowedChars"));

  const createKeyPair = z.object({ name });

  const importKeyPair = z.object({
    name,
    publicKey: z
      .string()
      .trim()
      .min(1, t("pastePublicKey"))
      .regex(
        /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+( .*)?$/,
        t("notOpenSsh"),
      ),
  });

  return { createKeyPair, importKeyPair };
}
