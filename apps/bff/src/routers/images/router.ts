import { router } from "../../trpc.ts";
import { createImageRoute } from "./create.ts";
import { deleteImageRoute } from "./delete.ts";
import { getImageRoute } from "./get.ts";
import { listImagesRoute } from "./list.ts";
import { updateImageRoute } from "./update.ts";

export const imagesRouter = router({
  list: listImagesRoute,
  get: getImageRoute,
  create: createImageRoute,
  update: updateImageRoute,
  delete: deleteImageRoute,
});
