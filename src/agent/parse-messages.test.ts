import { describe, expect, it } from "vitest";
import { decodeLine } from "./agent-protocol.js";
import { parseAgentMessage, parseClientMessage } from "./parse-messages.js";

const client = (line: string) => {
  const record = decodeLine(line);
  return record === undefined ? undefined : parseClientMessage(record);
};

describe("agent message parsing", () => {
  it("reads a credentials request and keeps only string env values, never __proto__", () => {
    const parsed = client(
      '{"v":1,"type":"credentials","profile":"p","env":{"HOME":"/h","N":5,"__proto__":{"x":"y"}},"noSession":true}',
    );
    expect(parsed).toMatchObject({ type: "credentials", profile: "p", noSession: true });
    expect(parsed?.type === "credentials" ? Object.keys(parsed.env) : []).toEqual(["HOME"]);
  });

  it.each(["sessionOnly", "ifRemembered"])("reads %s only when it is true", (name) => {
    const ask = (value: string) =>
      client(`{"v":1,"type":"credentials","profile":"p","env":{},"${name}":${value}}`);
    expect(ask("true")).toMatchObject({ [name]: true });
    expect(ask('"yes"')).not.toHaveProperty(name);
  });

  it.each([
    "not json",
    "[]",
    '{"type":"credentials","v":1}',
    '{"type":"credentials","profile":"p","env":{}}',
    '{"type":"nope","v":1}',
    '{"type":"mfa-failed","error":{"kind":"teapot","message":"m"}}',
  ])("refuses %s", (line) => {
    expect(client(line)).toBeUndefined();
  });

  it("reads the agent's answers and refuses credentials without a secret", () => {
    const parse = (line: string) => {
      const record = decodeLine(line);
      return record === undefined ? undefined : parseAgentMessage(record);
    };
    expect(parse('{"type":"credentials","credentials":{"accessKeyId":"A"}}')).toBeUndefined();
    expect(
      parse('{"type":"mfa","request":{"serialNumber":"s","profile":"p","attempt":2}}'),
    ).toEqual({
      type: "mfa",
      request: { serialNumber: "s", profile: "p", attempt: 2 },
    });
  });

  it("carries debug one way and the agent's trace back, with an error too; protocol 1 without them still reads", () => {
    const parse = (line: string) => {
      const record = decodeLine(line);
      return record === undefined ? undefined : parseAgentMessage(record);
    };
    expect(
      client('{"v":1,"type":"credentials","profile":"p","env":{},"debug":true}'),
    ).toMatchObject({
      debug: true,
    });
    expect(client('{"v":1,"type":"credentials","profile":"p","env":{}}')).not.toHaveProperty(
      "debug",
    );
    expect(
      parse('{"type":"error","error":{"kind":"config","message":"m"},"trace":["cache miss",5]}'),
    ).toEqual({ type: "error", error: { kind: "config", message: "m" }, trace: ["cache miss"] });
    expect(parse('{"type":"error","error":{"kind":"config","message":"m"}}')).toEqual({
      type: "error",
      error: { kind: "config", message: "m" },
    });
  });
});
