// Maps built from a parsed file inherit nothing (no `constructor`, no `__proto__` setter). Two
// shapes, for speed on 10,000-profile files: a map with many names (profiles by name) starts as
// `Object.create(null)`, which V8 keeps as a hash table; a small record (one profile's
// properties) gets an empty frozen prototype that itself has none, which V8 keeps in its fast
// object mode, several times cheaper to build than a hash table.
const noInheritance: object = Object.freeze(Object.create(null) as object);

/** An empty map from many names read out of a file to values, inheriting no keys. */
export function nameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** An empty record of a few keys read out of a file, inheriting no keys. */
export function smallRecord<T>(): Record<string, T> {
  return Object.create(noInheritance) as Record<string, T>;
}
