export {
  createGlanceClient,
  type GlanceClient,
  type GlanceClientOptions,
  glanceV2Url,
  type ImageInput,
  type ImageListFilter,
} from "./client.ts";
export * from "./schemas.ts";
