/**
 * Runs the tasks with at most `limit` in flight at once, the answers in the
 * tasks' order. The first failure is the answer; no task starts after it.
 * (The metric service is a shared process: a ranking over thousands of
 * resources must not send all its reads at once.)
 */
export async function boundedAll<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      if (!task) continue;
      try {
        results[i] = await task();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}
