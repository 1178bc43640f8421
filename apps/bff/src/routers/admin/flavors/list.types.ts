import { z } from "zod";
import { ZFlavorSchema } from "../../compute/flavors/flavor.types.ts";

export { ZNoInput as ZListAllFlavorsRequestSchema } from "../../list.types.ts";
export const ZListAllFlavorsResponseSchema = z.array(ZFlavorSchema);
