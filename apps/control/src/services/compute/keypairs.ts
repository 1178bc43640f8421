import { generateKeyPair, randomUUID, X509Certificate } from "node:crypto";
import { promisify } from "node:util";
import { ZenithError } from "@zenith/core/errors";
import { Prisma, type PrismaClient } from "@zenith/db/client";
import type { KeyPair } from "@zenith/db/generated";
import sshpk from "sshpk";
import type { QuotaService } from "./quotas.ts";

export type KeyPairRow = KeyPair;
export type KeyPairType = "ssh" | "x509";

export interface KeyPairCreate {
  userId: string;
  /** The caller's project: its key_pairs quota applies. */
  projectId: string;
  name: string;
  type: KeyPairType;
  /** Absent: Nova generates the key and returns the private half once. */
  publicKey?: string | undefined;
}

const generateRsa = promisify(generateKeyPair);

/** Nova's allowed key pair name characters before 2.92 (nova/compute/api.py). */
const SAFE_NAME = /^[A-Za-z0-9 _-]+$/;

/** Key pairs belong to users, not projects: the unique key is (user, name). */
export class KeyPairService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly quotas: QuotaService,
  ) {}

  async list(userId: string, limit: number, marker?: string): Promise<KeyPairRow[]> {
    const rows = await this.prisma.keyPair.findMany({ where: { userId }, orderBy: { name: "asc" } });
    let start = 0;
    if (marker !== undefined) {
      const index = rows.findIndex((r) => r.name === marker);
      if (index < 0) throw ZenithError.badRequest(`marker [${marker}] not found`);
      start = index + 1;
    }
    return rows.slice(start, start + limit);
  }

  async get(userId: string, name: string): Promise<KeyPairRow> {
    const row = await this.prisma.keyPair.findUnique({ where: { userId_name: { userId, name } } });
    if (!row) throw notFound(userId, name);
    return row;
  }

  /** Imports or generates a key pair; `privateKey` is set only when generated (and never stored). */
  async create(input: KeyPairCreate): Promise<{ row: KeyPairRow; privateKey: string | null }> {
    if (!SAFE_NAME.test(input.name)) {
      throw ZenithError.badRequest("Keypair data is invalid: Keypair name contains unsafe characters");
    }
    const material =
      input.publicKey === undefined
        ? await generate(input)
        : { ...importKey(input.type, input.publicKey), privateKey: null };
    const limit = (await this.quotas.limits(input.projectId)).key_pairs;
    if (limit >= 0 && (await this.prisma.keyPair.count({ where: { userId: input.userId } })) >= limit) {
      throw new ZenithError("OVER_LIMIT", "Quota exceeded, too many key pairs.");
    }
    try {
      const row = await this.prisma.keyPair.create({
        data: {
          id: randomUUID(),
          userId: input.userId,
          name: input.name,
          publicKey: material.publicKey,
          fingerprint: material.fingerprint,
          type: input.type,
        },
      });
      return { row, privateKey: material.privateKey };
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
        throw new ZenithError("CONFLICT", `Key pair '${input.name}' already exists.`);
      }
      throw err;
    }
  }

  async delete(userId: string, name: string): Promise<void> {
    const { count } = await this.prisma.keyPair.deleteMany({ where: { userId, name } });
    if (count === 0) throw notFound(userId, name);
  }
}

function notFound(userId: string, name: string): ZenithError {
  return ZenithError.notFound(`Keypair ${name} not found for user ${userId}`);
}

function invalidKey(): ZenithError {
  return ZenithError.badRequest("Keypair data is invalid: failed to generate fingerprint");
}

/** Validates an imported key and computes Nova's fingerprint: MD5 colon hex (ssh), SHA-1 colon hex (x509). */
function importKey(type: KeyPairType, text: string): { publicKey: string; fingerprint: string } {
  if (type === "x509") {
    try {
      const cert = new X509Certificate(text);
      return { publicKey: text, fingerprint: cert.fingerprint.toLowerCase() };
    } catch {
      throw invalidKey();
    }
  }
  try {
    const key = sshpk.parseKey(text.trim(), "ssh");
    return { publicKey: text, fingerprint: key.fingerprint("md5").toString("hex") };
  } catch {
    throw invalidKey();
  }
}

/**
 * Generates an RSA 2048 key as Nova does (widest guest support). ssh: the
 * private key in OpenSSH format, the public one with Nova's
 * "Generated-by-Nova" comment. x509: a self-signed certificate as the
 * public half, private key in PEM, like Nova's generate_x509_cert.
 */
async function generate(
  input: KeyPairCreate,
): Promise<{ publicKey: string; fingerprint: string; privateKey: string }> {
  const { privateKey } = await generateRsa("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const key = sshpk.parsePrivateKey(pem, "pem");
  if (input.type === "x509") return selfSignedCertificate(key, pem, input);
  // Nova's comment; sshpk would otherwise write "(unnamed)".
  key.comment = "Generated-by-Nova";
  const publicKey = `${key.toPublic().toString("ssh")}\n`;
  return {
    publicKey,
    fingerprint: key.fingerprint("md5").toString("hex"),
    privateKey: key.toString("openssh"),
  };
}

/** Nova's certificate: its default user_cert_subject, CN `<project:16>-<user:16>-<timestamp>`, valid 10 years. */
function selfSignedCertificate(
  key: sshpk.PrivateKey,
  pem: string,
  input: KeyPairCreate,
): { publicKey: string; fingerprint: string; privateKey: string } {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const cn = `${input.projectId.slice(0, 16)}-${input.userId.slice(0, 16)}-${stamp}`;
  const subject = sshpk.identityFromArray([
    { name: "c", value: "US" },
    { name: "s", value: "California" },
    { name: "o", value: "OpenStack" },
    { name: "ou", value: "NovaDev" },
    { name: "cn", value: cn },
  ]);
  const cert = sshpk.createSelfSignedCertificate(subject, key, { lifetime: 10 * 365 * 24 * 3600 });
  const publicKey = cert.toString("pem");
  return { ...importKey("x509", publicKey), privateKey: pem };
}
