/**
 * A value rendered as AWS query-protocol XML: objects become child elements in key order, arrays
 * become `<member>` lists, `Map`s become `<entry><key/><value/></entry>` lists, dates ISO 8601.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | undefined
  | readonly XmlValue[]
  | ReadonlyMap<string, XmlValue>
  | { readonly [name: string]: XmlValue };

/** Renders `value` as the content of an element (no surrounding tag). */
export function renderXml(value: XmlValue): string {
  if (value === undefined) return "";
  if (typeof value === "string") return escapeXml(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // AWS writes timestamps to the second: 2024-01-02T03:04:05Z.
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (isArray(value)) return value.map((item) => element("member", item)).join("");
  if (isMap(value)) {
    return [...value].map(([k, v]) => element("entry", { key: k, value: v })).join("");
  }
  return Object.entries(value)
    .map(([name, child]) => (child === undefined ? "" : element(name, child)))
    .join("");
}

/** `<name>content</name>` with `content` rendered by {@link renderXml}. */
export function element(name: string, value: XmlValue): string {
  return `<${name}>${renderXml(value)}</${name}>`;
}

/** Escapes the five XML special characters. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

// Array.isArray narrows readonly arrays to any[]; this keeps the element type.
function isArray(value: XmlValue): value is readonly XmlValue[] {
  return Array.isArray(value);
}

function isMap(value: XmlValue): value is ReadonlyMap<string, XmlValue> {
  return value instanceof Map;
}
