/*
 * A few requests at a time: enough to be quick on a large kit, few enough not to hit an org's concurrency limits.
 */

/** `work` over every item, at most `concurrency` at once; the results in the items' order. */
export async function mapInPool<T, R>(items: T[], work: (item: T) => Promise<R>, concurrency = 8): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
