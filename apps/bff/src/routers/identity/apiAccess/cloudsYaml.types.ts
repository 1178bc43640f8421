export { ZNoInput as ZCloudsYamlRequestSchema } from "../../list.types.ts";
export { ZDownloadSchema as ZCloudsYamlResponseSchema } from "./file.types.ts";
