import { describe, expect, it } from "vitest";
import { parseSeed } from "./parse-seed.js";

describe("parseSeed", () => {
  it("fills defaults for everything optional", () => {
    const seed = parseSeed(
      JSON.stringify({ users: [{ accountId: "123456789012", userName: "u", mfa: {} }] }),
      "s.json",
    );
    expect(seed.users[0]).toEqual({
      accountId: "123456789012",
      userName: "u",
      accessKeys: [],
      mfa: { serialNumber: undefined, totpSecret: undefined },
      inlinePolicies: {},
      managedPolicyArns: [],
      groups: [],
      loginProfile: false,
    });
    expect(seed.roles).toEqual([]);
    expect(seed.sso).toBeUndefined();
  });

  it("reads an SSO instance with defaults for names and region", () => {
    const seed = parseSeed(
      JSON.stringify({
        sso: {
          startUrl: "https://d-0000000000.awsapps.com/start",
          users: ["dev"],
          permissionSets: [
            { name: "Admin", managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
          ],
          accounts: [{ accountId: "111111111111", permissionSets: ["Admin"] }],
        },
      }),
      "s.json",
    );
    expect(seed.sso).toMatchObject({
      region: "us-east-1",
      permissionSets: [{ name: "Admin", sessionDuration: 3600 }],
      accounts: [
        {
          accountId: "111111111111",
          accountName: "111111111111",
          emailAddress: "aws+111111111111@example.com",
        },
      ],
    });
  });

  it.each([
    ["a non-object root", "[]", "s.json: expected an object"],
    [
      "a bad account id",
      '{"accounts":[{"id":"1"}]}',
      "s.json.accounts[0].id: expected a 12-digit account id",
    ],
    [
      "a wrong type",
      '{"roles":[{"accountId":"123456789012","roleName":5}]}',
      "s.json.roles[0].roleName: expected a string",
    ],
    [
      "a __proto__ key",
      '{"users":[{"__proto__":{}}]}',
      's.json: the key "__proto__" is not allowed',
    ],
  ])("rejects %s with its path", (_name, text, message) => {
    expect(() => parseSeed(text, "s.json")).toThrow(message);
  });
});
