export { ADMIN_PASSWORD, DEMO_PASSWORD, startTestCloud, type TestCloud } from "./cloud.ts";
export { type TestDatabase, testDatabases } from "./databases.ts";
export { OpenStackClient, type OpenStackRequest, type OpenStackResponse } from "./openstack.ts";
export { TEST_SCRYPT } from "./scrypt.ts";
export { type PollOptions, poll, type WaitOptions, waitFor } from "./wait-for.ts";
