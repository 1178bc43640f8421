import { z } from "zod";

const name = z
  .string()
  .trim()
  .min(1, "Enter a name for the key pair.")
  .max(255, "At most 255 characters.")
  .regex(/^[A-Za-z0-9 ._@-]+$/, "Use letters, digits, spaces and . _ - @ only.");

export const CreateKeyPairSchema = z.object({ name });

export const ImportKeyPairSchema = z.object({
  name,
  publicKey: z
    .string()
    .trim()
    .min(1, "Paste the public key (the contents of a .pub file).")
    .regex(
      /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+( .*)?$/,
      "This does not look like an OpenSSH public key (ssh-ed25519 AAAA… or ssh-rsa AAAA…).",
    ),
});
