import { randomBytes } from "node:crypto";
import type { Tx } from "./deps.ts";
import { invalidInput } from "./errors.ts";

/** Neutron's default base_mac: fa:16:3e plus three random octets. */
export function randomMac(): string {
  const tail = [...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0"));
  return ["fa", "16", "3e", ...tail].join(":");
}

/** A MAC no port of the network holds yet (a racing insert is still caught by the unique constraint). */
export async function freeMac(tx: Tx, networkId: string): Promise<string> {
  for (let attempt = 0; attempt < 16; attempt++) {
    const mac = randomMac();
    if ((await tx.port.count({ where: { networkId, macAddress: mac } })) === 0) return mac;
  }
  throw invalidInput(`Unable to generate a unique mac on network ${networkId}.`);
}

const MAC = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;

/** A given MAC in Neutron's form (lower case, colons); all-zero, broadcast and multicast MACs are refused. */
export function normalizeMac(text: string): string {
  if (!MAC.test(text)) throw invalidInput(`'${text}' is not a valid MAC address`);
  const mac = text.toLowerCase().replaceAll("-", ":");
  const first = Number.parseInt(mac.slice(0, 2), 16);
  if (mac === "00:00:00:00:00:00" || (first & 1) === 1) {
    throw invalidInput(`'${text}' is not a valid MAC address`);
  }
  return mac;
}
