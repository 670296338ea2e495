/**
 * Cooperative slicing of long synchronous work (decoding and parsing posts, building the index):
 * a reindex of 10,000 posts must not freeze a bot that has 3 s to answer Discord.
 */

/** How long one slice of work may hold the event loop before it lets a waiting command run. */
export const SLICE_BUDGET_MS = 8;

/** Resolves on the next turn of the event loop, after pending I/O callbacks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Returns a function that yields to the event loop once the work since its last yield passed
 * the budget; it resolves `true` when it did yield.
 */
export function sliceYielder(budgetMs = SLICE_BUDGET_MS, now: () => number = () => performance.now()): () => Promise<boolean> {
  let since = now();
  return async () => {
    if (now() - since < budgetMs) return false;
    await yieldToEventLoop();
    since = now();
    return true;
  };
}
