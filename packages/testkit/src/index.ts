export { ADMIN_PASSWORD, DEMO_PASSWORD, startTestCloud, TEST_SCRYPT, type TestCloud } from "./cloud.ts";
export { OpenStackClient, type OpenStackRequest, type OpenStackResponse } from "./openstack.ts";
export { type WaitOptions, waitFor } from "./wait-for.ts";
