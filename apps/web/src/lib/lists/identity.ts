import type { ListSpec } from "@/components/data-table/list-spec";
import type { ListParams } from "@/components/data-table/list-url";
import type { RouterInputs } from "@/trpc/types";

type Identity = RouterInputs["identity"];
type SortOf<K extends keyof Identity> = Identity[K] extends { list: { sort?: infer S } }
  ? NonNullable<S> & string
  : never;

/** An identity list with only paging, sorting and the name search: its input is the list's URL state. */
function plain<S extends string>(path: string, sort: S): ListSpec<ListParams<S>, S> {
  return { path, defaults: { sort, dir: "asc" }, filters: [], input: (_scope, params) => params };
}

export const USERS_LIST = plain<SortOf<"users">>("identity.users.list", "name");
export const ROLES_LIST = plain<SortOf<"roles">>("identity.roles.list", "name");
export const GROUPS_LIST = plain<SortOf<"groups">>("identity.groups.list", "name");
export const APP_CREDENTIALS_LIST = plain<SortOf<"appCredentials">>("identity.appCredentials.list", "name");
export const PROJECTS_LIST = plain<SortOf<"projects">>("identity.projects.list", "name");
