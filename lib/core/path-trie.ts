/** Key paths segment by segment, each node holding the item at exactly its path: a lookup walks, it builds no string. */
export interface PathTrie<T> {
  value?: T;
  below: Map<string, PathTrie<T>>;
}

export function pathTrie<T>(items: Iterable<T>, pathOf: (item: T) => readonly string[]): PathTrie<T> {
  const root: PathTrie<T> = { below: new Map() };
  for (const item of items) {
    let node = root;
    for (const k of pathOf(item)) {
      let next = node.below.get(k);
      if (!next) node.below.set(k, (next = { below: new Map() }));
      node = next;
    }
    node.value = item;
  }
  return root;
}
