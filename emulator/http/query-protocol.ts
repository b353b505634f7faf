import type { AwsError } from "./aws-error.js";
import type { EmulatorResponse } from "./types.js";
import { element, escapeXml, type XmlValue } from "./xml.js";

/** The XML namespaces of the two awsQuery services the emulator speaks. */
export const QueryNamespace = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
} as const;

/** A successful awsQuery answer: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata/>`. */
export function queryResult(
  namespace: string,
  action: string,
  result: XmlValue,
  requestId: string,
): EmulatorResponse {
  const body =
    `<${action}Response xmlns="${namespace}">` +
    (result === undefined ? "" : element(`${action}Result`, result)) +
    element("ResponseMetadata", { RequestId: requestId }) +
    `</${action}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

/** An awsQuery error: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function queryError(
  namespace: string,
  error: AwsError,
  requestId: string,
): EmulatorResponse {
  const body =
    `<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { "content-type": "text/xml" }, body };
}

/** Parses an awsQuery form body (and URL query) into a null-prototype parameter map. */
export function parseQueryParams(url: URL, body: Buffer): QueryParams {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const sources = [url.searchParams, new URLSearchParams(body.toString("utf8"))];
  for (const source of sources) {
    for (const [key, value] of source) {
      if (key === "__proto__") continue;
      params[key] = value;
    }
  }
  return params;
}

/** awsQuery parameters, flattened as the wire sends them (`Tags.member.1.Key`). */
export type QueryParams = Readonly<Record<string, string>>;

/** Reads a flattened `Name.member.N` list. */
export function queryList(params: QueryParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; ; i++) {
    const value = params[`${name}.member.${i}`];
    if (value === undefined) return values;
    values.push(value);
  }
}

/** Reads a flattened `Name.member.N.Key` / `.Value` list of tags. */
export function queryTags(
  params: QueryParams,
  name: string,
): Array<{ key: string; value: string }> {
  const tags: Array<{ key: string; value: string }> = [];
  for (let i = 1; ; i++) {
    const key = params[`${name}.member.${i}.Key`];
    if (key === undefined) return tags;
    tags.push({ key, value: params[`${name}.member.${i}.Value`] ?? "" });
  }
}
