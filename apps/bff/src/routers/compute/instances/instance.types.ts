import { ACTION_NAMES } from "@zenith/compute-actions/actions";
import { z } from "zod";

export const ZInstanceFlavorSchema = z.object({
  /** Empty when the cloud embeds the flavor (2.47+) and it no longer exists by that name. */
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
});

/** One row of the instances table. */
export const ZInstanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Nova's status: ACTIVE, BUILD, SHUTOFF, … */
  status: z.string(),
  taskState: z.string().nullable(),
  /** NOSTATE, RUNNING, PAUSED, SHUTDOWN, CRASHED, SUSPENDED (Nova's power_state names). */
  powerState: z.string().nullable(),
  vmState: z.string().nullable(),
  flavor: ZInstanceFlavorSchema,
  image: z.object({ id: z.string(), name: z.string() }).nullable(),
  addresses: z.array(z.string()),
  /** The same addresses with their network name and whether each is a floating IP. */
  ipAddresses: z.array(z.object({ address: z.string(), network: z.string(), floating: z.boolean() })),
  keyName: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  /** Admins only. */
  host: z.string().optional(),
  projectId: z.string(),
  /** Admin listings across projects only. */
  projectName: z.string().optional(),
  locked: z.boolean(),
  created: z.string(),
  updated: z.string(),
  fault: z.object({ message: z.string() }).optional(),
  /** The actions the cloud accepts in this state, from the shared action table (Nova's rules). */
  actions: z.array(z.enum(ACTION_NAMES)),
});
export type TInstance = z.infer<typeof ZInstanceSchema>;

export const ZInstanceDetailSchema = ZInstanceSchema.extend({
  metadata: z.record(z.string(), z.string()),
  userId: z.string(),
  launchedAt: z.string().nullable(),
  lockedReason: z.string().nullable(),
});
export type TInstanceDetail = z.infer<typeof ZInstanceDetailSchema>;

export const ZInstanceStatus = z.enum([
  "ACTIVE",
  "BUILD",
  "SHUTOFF",
  "PAUSED",
  "SUSPENDED",
  "REBOOT",
  "HARD_REBOOT",
  "REBUILD",
  "RESIZE",
  "VERIFY_RESIZE",
  "ERROR",
  "DELETED",
]);
