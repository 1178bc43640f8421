/** `openstack keypair …` commands. */
import { type CliScript, cmd, comment, PLACEHOLDER } from "./script";

/** A new key pair: the private key is written to a file the user names (never printed here). */
export function keypairCreate(input: { name: string; type?: string; privateKeyFile?: string }): CliScript {
  return [
    cmd(
      // Key types other than ssh need compute API 2.2.
      input.type && input.type !== "ssh" ? ["--os-compute-api-version", "2.2"] : [],
      "keypair",
      "create",
      input.type && input.type !== "ssh" ? ["--type", input.type] : [],
      "--private-key",
      input.privateKeyFile?.trim() || PLACEHOLDER.privateKeyFile,
      input.name.trim() || "<name>",
    ),
  ];
}

/** Import: the CLI reads the public key from a file, so the pasted text is not repeated here. */
export function keypairImport(input: { name: string; hasPublicKey: boolean }): CliScript {
  return [
    ...(input.hasPublicKey ? [comment("Save the public key you pasted to a file, e.g. key.pub:")] : []),
    cmd("keypair", "create", "--public-key", PLACEHOLDER.publicKeyFile, input.name.trim() || "<name>"),
  ];
}
