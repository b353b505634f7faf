import type { SeedPolicy } from "./seed-types.js";

/** The AWS-managed policies the emulator knows, by ARN (documents abridged where AWS's are huge). */
export const AWS_MANAGED_POLICIES: ReadonlyMap<string, SeedPolicy> = new Map<string, SeedPolicy>([
  [
    "arn:aws:iam::aws:policy/AdministratorAccess",
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  ],
  [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    {
      Version: "2012-10-17",
      // AWS's ReadOnlyAccess lists thousands of actions; these cover what the emulator serves.
      Statement: [
        {
          Effect: "Allow",
          Action: ["iam:Get*", "iam:List*", "s3:Get*", "s3:List*", "ec2:Describe*"],
          Resource: "*",
        },
      ],
    },
  ],
  [
    "arn:aws:iam::aws:policy/IAMUserChangePassword",
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["iam:ChangePassword"],
          Resource: ["arn:aws:iam::*:user/${aws:username}"],
        },
        { Effect: "Allow", Action: ["iam:GetAccountPasswordPolicy"], Resource: "*" },
      ],
    },
  ],
]);
