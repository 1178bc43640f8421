export { ZNoInput as ZOpenrcRequestSchema } from "../../list.types.ts";
export { ZDownloadSchema as ZOpenrcResponseSchema } from "./file.types.ts";
