import { identityRouter } from "./routers/identity/router.ts";
import { sessionRouter } from "./routers/session/router.ts";
import { router } from "./trpc.ts";

/** The whole BFF API. The portal imports only `type AppRouter` from here. */
export const appRouter = router({
  session: sessionRouter,
  identity: identityRouter,
});

export type AppRouter = typeof appRouter;
