/**
 * How volume services say that what volume agents must apply changed (the
 * database is the truth; a push only makes a connected agent converge
 * sooner). Bursts coalesce into one computation.
 */
export interface VolumePublisher {
  volumesChanged(): void;
}

/** How volume services tell the compute side that an instance's attached volumes changed. */
export interface InstanceVolumePublisher {
  instanceVolumesChanged(instanceId: string): Promise<void>;
}
