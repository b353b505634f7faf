/**
 * The host of the sign-in federation endpoint for a region (SPECS §e, after granted's
 * `partition.go`): the partition's host — `signin.aws.amazon.com`, `signin.amazonaws.cn` for
 * China (`cn-*`), `signin.amazonaws-us-gov.com` for GovCloud (`us-gov-*`) — prefixed with
 * `<region>.` except for each partition's first region (`us-east-1`, `cn-north-1`,
 * `us-gov-west-1`) and no region at all.
 */
export function signinHost(region: string | undefined): string {
  const host = partitionHost(region ?? "");
  return region === undefined || region === "" || unprefixedRegions.has(region)
    ? host
    : `${region}.${host}`;
}

const unprefixedRegions: ReadonlySet<string> = new Set([
  "us-east-1",
  "cn-north-1",
  "us-gov-west-1",
]);

function partitionHost(region: string): string {
  switch (signinPartition(region)) {
    case "aws-cn":
      return "signin.amazonaws.cn";
    case "aws-us-gov":
      return "signin.amazonaws-us-gov.com";
    case "aws":
      return "signin.aws.amazon.com";
  }
}

/** The partition of a region, as far as sign-in hosts tell them apart. */
export type SigninPartition = "aws" | "aws-cn" | "aws-us-gov";

/** `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, else `aws` (no region included). */
export function signinPartition(region: string | undefined): SigninPartition {
  if (region?.startsWith("cn-") === true) return "aws-cn";
  if (region?.startsWith("us-gov-") === true) return "aws-us-gov";
  return "aws";
}
