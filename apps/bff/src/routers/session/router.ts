import { router } from "../../trpc.ts";
import { meRoute } from "./me.ts";
import { projectsRoute } from "./projects.ts";
import { switchProjectRoute } from "./switchProject.ts";

export const sessionRouter = router({
  me: meRoute,
  projects: projectsRoute,
  switchProject: switchProjectRoute,
});
