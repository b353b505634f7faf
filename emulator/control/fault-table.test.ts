import { describe, expect, it } from "vitest";
import { FaultTable } from "./fault-table.js";

describe("FaultTable", () => {
  it("consumes counted faults for their operation only", () => {
    const table = new FaultTable();
    table.add({
      operation: "sts:AssumeRole",
      kind: "throttle",
      remaining: 2,
      skip: 0,
      latencyMs: 0,
    });
    expect(table.take("sts:GetCallerIdentity").failure).toBeUndefined();
    expect(table.take("sts:AssumeRole").failure).toBe("throttle");
    expect(table.take("sts:AssumeRole").failure).toBe("throttle");
    expect(table.take("sts:AssumeRole").failure).toBeUndefined();
    expect(table.list()).toEqual([]);
  });

  it("adds latencies, applies one failure per call, and keeps 'always' faults", () => {
    const table = new FaultTable();
    table.add({ operation: "*", kind: "latency", remaining: null, skip: 0, latencyMs: 5 });
    table.add({ operation: "iam:ListUsers", kind: "latency", remaining: 1, skip: 0, latencyMs: 7 });
    table.add({ operation: "iam:ListUsers", kind: "error", remaining: 1, skip: 0, latencyMs: 0 });
    table.add({
      operation: "iam:ListUsers",
      kind: "throttle",
      remaining: 1,
      skip: 0,
      latencyMs: 0,
    });
    expect(table.take("iam:ListUsers")).toEqual({ latencyMs: 12, failure: "error" });
    expect(table.take("iam:ListUsers")).toEqual({ latencyMs: 5, failure: "throttle" });
    expect(table.take("iam:ListUsers")).toEqual({ latencyMs: 5, failure: undefined });
    expect(table.list()).toHaveLength(1);
  });

  it("lets `skip` matching calls through before it starts hitting", () => {
    const table = new FaultTable();
    table.add({
      operation: "sts:GetCallerIdentity",
      kind: "error",
      remaining: 1,
      skip: 2,
      latencyMs: 0,
    });
    expect(table.take("sts:GetCallerIdentity").failure).toBeUndefined();
    expect(table.take("sts:AssumeRole").failure).toBeUndefined();
    expect(table.take("sts:GetCallerIdentity").failure).toBeUndefined();
    expect(table.take("sts:GetCallerIdentity").failure).toBe("error");
    expect(table.take("sts:GetCallerIdentity").failure).toBeUndefined();
  });
});
