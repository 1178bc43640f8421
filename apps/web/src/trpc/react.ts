"use client";

import { createTRPCReact } from "@trpc/react-query";
import type { AppRouter } from "@zenith/bff/router";

/** Typed hooks for the BFF's procedures (types only: the BFF is a separate process). */
export const trpc = createTRPCReact<AppRouter>();

export type { RouterInputs, RouterOutputs } from "./types";
