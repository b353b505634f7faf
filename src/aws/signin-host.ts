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
  if (region.startsWith("cn-")) return "signin.amazonaws.cn";
  if (region.startsWith("us-gov-")) return "signin.amazonaws-us-gov.com";
  return "signin.aws.amazon.com";
}
