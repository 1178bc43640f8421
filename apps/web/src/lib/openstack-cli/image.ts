/** `openstack image …` commands. */
import { type CliScript, cmd, opt, PLACEHOLDER } from "./script";

const VISIBILITY_FLAGS: Record<string, string> = {
  public: "--public",
  private: "--private",
  shared: "--shared",
  community: "--community",
};

export function imageCreate(input: {
  name: string;
  diskFormat: string;
  containerFormat: string;
  visibility?: string;
  minDisk?: string | number;
  minRam?: string | number;
  protectedImage?: boolean;
  /** The chosen file's name, shown as a hint; the path on the user's machine is unknown to the browser. */
  fileName?: string;
}): CliScript {
  return [
    cmd(
      "image",
      "create",
      opt("--disk-format", input.diskFormat),
      opt("--container-format", input.containerFormat),
      input.visibility ? (VISIBILITY_FLAGS[input.visibility] ?? []) : [],
      // 0 is Glance's default: not worth a flag.
      Number(input.minDisk) ? opt("--min-disk", input.minDisk) : [],
      Number(input.minRam) ? opt("--min-ram", input.minRam) : [],
      input.protectedImage ? "--protected" : [],
      "--file",
      input.fileName?.trim() || PLACEHOLDER.imageFile,
      input.name.trim() || "<name>",
    ),
  ];
}

export function imageSet(input: {
  imageId: string;
  name?: string;
  visibility?: string;
  protectedImage?: boolean;
  minDisk?: string | number;
  minRam?: string | number;
}): CliScript {
  return [
    cmd(
      "image",
      "set",
      opt("--name", input.name),
      input.visibility ? (VISIBILITY_FLAGS[input.visibility] ?? []) : [],
      input.protectedImage === undefined ? [] : input.protectedImage ? "--protected" : "--unprotected",
      opt("--min-disk", input.minDisk),
      opt("--min-ram", input.minRam),
      input.imageId,
    ),
  ];
}

export function imageDelete(imageId: string): CliScript {
  return [cmd("image", "delete", imageId)];
}
