/**
 * QEMU run states (QMP `query-status`) as Nova power states, the way Nova's
 * libvirt driver sees them through libvirt: libvirt turns QEMU's states into
 * domain states (running, paused with a reason, shutoff, crashed) and Nova
 * maps those (`nova/virt/libvirt/host.py` LIBVIRT_POWER_STATE). A guest
 * whose CPUs were stopped by a fault it cannot get out of by itself
 * (internal-error: KVM could not run it; guest-panicked; io-error) is
 * CRASHED, so the control plane shows it as an error instead of ACTIVE.
 */
import { PowerState } from "../schemas.ts";

const { RUNNING, PAUSED, SHUTDOWN, CRASHED } = PowerState;

/** Every run state QEMU 7.2 knows (qapi/run-state.json `RunState`). */
export const QMP_RUN_STATES = {
  running: RUNNING,
  // Stopped by someone (QMP `stop`, the driver's pause, a snapshot) or waiting on the host: resumable, paused.
  paused: PAUSED,
  debug: PAUSED,
  inmigrate: PAUSED,
  postmigrate: PAUSED,
  "finish-migrate": PAUSED,
  prelaunch: PAUSED,
  "save-vm": PAUSED,
  "restore-vm": PAUSED,
  watchdog: PAUSED,
  colo: PAUSED,
  // Guest S3 sleep. libvirt calls it pmsuspended (Nova: SUSPENDED), but this driver's SUSPENDED is a
  // saved memory image with no process, which `resume` loads; a sleeping live guest is paused-like.
  suspended: PAUSED,
  // `-no-shutdown` keeps the process after the guest powered off.
  shutdown: SHUTDOWN,
  "internal-error": CRASHED,
  "guest-panicked": CRASHED,
  "io-error": CRASHED,
} as const satisfies Record<string, PowerState>;

const byName = new Map<string, PowerState>(Object.entries(QMP_RUN_STATES));

/** A state newer QEMUs may add counts as paused: the process lives but the guest does not run. */
export function powerStateOfStatus(status: string): PowerState {
  return byName.get(status) ?? PAUSED;
}
