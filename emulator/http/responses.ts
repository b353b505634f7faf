import type { EmulatorResponse } from "./types.js";

/** A response with a text body of the given content type. */
export function textResponse(status: number, contentType: string, body: string): EmulatorResponse {
  return { status, headers: { "content-type": contentType }, body };
}

/** A JSON response (restJson services, the control API, the sign-in endpoint). */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): EmulatorResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(value),
  };
}

/** An HTML page (the authorize, device and console pages). */
export function htmlResponse(status: number, title: string, bodyHtml: string): EmulatorResponse {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${bodyHtml}</body></html>`;
  return textResponse(status, "text/html; charset=utf-8", page);
}

/** A 302 redirect. */
export function redirectResponse(location: string): EmulatorResponse {
  return { status: 302, headers: { location }, body: "" };
}
