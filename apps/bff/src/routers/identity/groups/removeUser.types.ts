export {
  ZGroupUserRequestSchema as ZRemoveGroupUserRequestSchema,
  ZGroupUserResponseSchema as ZRemoveGroupUserResponseSchema,
} from "./addUser.types.ts";
