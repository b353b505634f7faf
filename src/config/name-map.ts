// Records built from what a client or a file wrote inherit nothing (no `constructor`, no
// `__proto__` setter). Two shapes: a map of names (the variables a request carries) starts as
// `Object.create(null)`, which V8 keeps as a hash table; a small record (one profile's
// properties) gets an empty frozen prototype that itself has none, which V8 keeps in its fast
// object mode, several times cheaper to build than a hash table. Sections by name, of which a
// file may hold 10,000, are a `Map` (config-data.ts).
const noInheritance: object = Object.freeze(Object.create(null) as object);

/** An empty map from many names read out of a file to values, inheriting no keys. */
export function nameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** An empty record of a few keys read out of a file, inheriting no keys. */
export function smallRecord<T>(): Record<string, T> {
  return Object.create(noInheritance) as Record<string, T>;
}
