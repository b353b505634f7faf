/** One page of a listing and the token of the next one (`undefined` on the last page). */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/**
 * Every item of a paged AWS listing: asks for the next page until the service gives no token.
 * A token the service gives twice in a row ends the listing too, as the SDK paginators do, so a
 * faulty answer cannot loop forever.
 */
export async function collectPages<T>(
  fetchPage: (token: string | undefined) => Promise<ListPage<T>>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (;;) {
    const { items, next } = await fetchPage(token);
    all.push(...items);
    if (next === undefined || next === "" || next === token) return all;
    token = next;
  }
}
