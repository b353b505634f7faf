import type { IncomingMessage } from "node:http";
import { AwsError } from "./aws-error.js";

// Far above any STS/IAM/SSO request; stops a runaway client from filling memory.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Reads the whole request body, refusing bodies over 4 MiB. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new AwsError("RequestEntityTooLarge", "Request body is too large", 413);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
