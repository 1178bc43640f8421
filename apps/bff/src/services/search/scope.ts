/** Who searches: the session's project, and whether the session is a cloud admin's. */
export interface SearchScope {
  token: string;
  projectId: string;
  isAdmin: boolean;
}
