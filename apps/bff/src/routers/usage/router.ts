import { router } from "../../trpc.ts";
import { allProjectsUsageRoute } from "./allProjects.ts";
import { allProjectsUsageCsvRoute } from "./allProjectsCsv.ts";
import { projectUsageRoute } from "./project.ts";
import { projectUsageCsvRoute } from "./projectCsv.ts";

/** Usage from `os-simple-tenant-usage` over a chosen range, for the overviews and their CSV exports. */
export const usageRouter = router({
  project: projectUsageRoute,
  projectCsv: projectUsageCsvRoute,
  allProjects: allProjectsUsageRoute,
  allProjectsCsv: allProjectsUsageCsvRoute,
});
