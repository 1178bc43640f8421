/**
 * How services tell the agent hub that desired state changed. The database
 * is the truth; a push only makes a connected agent converge sooner (a
 * disconnected one gets everything in the full state after its next hello).
 */
export interface DesiredPublisher {
  /** The instance's desired state changed: send it to its host's agent. */
  instanceChanged(instanceId: string): void;
  /** The instance left this host (rescheduled or locally deleted): the agent destroys its copy. */
  instanceRemoved(hostId: string, instanceId: string): void;
}
