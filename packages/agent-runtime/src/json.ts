/** `JSON.parse` for untrusted text: undefined instead of a throw, so the zod parse that follows reports it. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
