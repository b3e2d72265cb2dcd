// Cursor pagination as the API pages every list: `{ items, nextCursor? }`, where the cursor is
// opaque and passed back as `cursor`. The iterator asks for the next page only when the caller
// has consumed the previous one, so breaking out of a `for await` stops the requests.

export interface Page<Item> {
  items: Item[];
  nextCursor?: string;
}

/** Fetch one page given the cursor (undefined for the first page). */
export type PageFetcher<Item> = (cursor: string | undefined) => Promise<Page<Item>>;

export async function* paginate<Item>(fetchPage: PageFetcher<Item>): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Every item of every page, in order (for lists known to be small). */
export const collectAll = async <Item>(items: AsyncIterable<Item>): Promise<Item[]> => {
  const all: Item[] = [];
  for await (const item of items) all.push(item);
  return all;
};
