/** The query parameter a page reads to open one of its actions (see `useActionParam`). */
export const ACTION_PARAM = "action";
/** On a list page (kinds without a page of their own): which row the action is for. */
export const ID_PARAM = "id";

/**
 * Where the palette sends an action: the resource's page with
 * `?action=<key>`, or its list with `?action=<key>&id=<id>` when the list
 * is where it lives. `extra` adds parameters of the page's own (a tab).
 */
export function actionHref(
  page: string,
  action: string,
  id: string | null,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams(extra);
  params.set(ACTION_PARAM, action);
  if (id !== null) params.set(ID_PARAM, id);
  return `${page}?${params.toString()}`;
}

/** The query left once the action's parameters are dropped (so a reload does not run it again). */
export function withoutActionParams(query: string): string {
  const rest = new URLSearchParams(query);
  rest.delete(ACTION_PARAM);
  rest.delete(ID_PARAM);
  return rest.toString();
}
