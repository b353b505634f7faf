import { createHash, createHmac } from "node:crypto";

type Data = string | ArrayBuffer | ArrayBufferView;
type Digest = ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

/**
 * SHA-256 / HMAC-SHA-256 over Node's crypto, in the shape `@smithy/signature-v4` takes for its
 * `sha256` option (a constructor whose optional argument is the HMAC key).
 */
export class NodeSha256 {
  #hash: Digest;

  constructor(private readonly secret?: Data) {
    this.#hash = NodeSha256.#create(secret);
  }

  /** Adds data to the digest. */
  update(data: Data): void {
    this.#hash.update(toBuffer(data));
  }

  /** The digest of everything added so far. */
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  /** Starts over with the same key. */
  reset(): void {
    this.#hash = NodeSha256.#create(this.secret);
  }

  static #create(secret: Data | undefined): Digest {
    return secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
}

function toBuffer(data: Data): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
