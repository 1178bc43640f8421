export const DISK_FORMATS = [
  "qcow2",
  "raw",
  "iso",
  "vmdk",
  "vdi",
  "vhd",
  "vhdx",
  "ami",
  "ari",
  "aki",
] as const;
export const CONTAINER_FORMATS = ["bare", "ovf", "ova", "docker", "ami", "ari", "aki", "compressed"] as const;
export const VISIBILITIES = ["private", "shared", "community", "public"] as const;

export function isVisibility(value: string): value is (typeof VISIBILITIES)[number] {
  return (VISIBILITIES as readonly string[]).includes(value);
}

/** Select options whose label is the value itself (formats: qcow2, bare…), or a label per value. */
export const toOptions = (values: readonly string[], labelOf: (value: string) => string = (v) => v) =>
  values.map((v) => ({ value: v, label: labelOf(v) }));

/** A guess from the file name, so the usual cases need no choice. */
export function diskFormatFor(fileName: string): (typeof DISK_FORMATS)[number] | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".qcow2")) return "qcow2";
  if (lower.endsWith(".iso")) return "iso";
  if (lower.endsWith(".img") || lower.endsWith(".raw")) return "raw";
  if (lower.endsWith(".vmdk")) return "vmdk";
  if (lower.endsWith(".vdi")) return "vdi";
  if (lower.endsWith(".vhdx")) return "vhdx";
  if (lower.endsWith(".vhd")) return "vhd";
  return undefined;
}
