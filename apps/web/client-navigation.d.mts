import type { IncomingHttpHeaders } from "node:http";

export declare const CLIENT_NAVIGATION_HEADER: "x-zenith-client-navigation";
export declare function markClientNavigation(headers: IncomingHttpHeaders): void;
