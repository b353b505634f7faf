import { UsageError } from "../../errors.js";

/** The AWS partitions, as far as their console and sign-in hosts differ. */
export type ConsolePartition = "aws" | "aws-cn" | "aws-us-gov";

/** What says where the console opens. */
export interface DestinationInput {
  /** `--destination`: a console URL. */
  readonly destination?: string | undefined;
  /** `--service`: a service's console home (`s3`, `iam`, `ec2`...). */
  readonly service?: string | undefined;
  /** The profile's region (after `--region` and the environment). */
  readonly region?: string | undefined;
}

const consoleDomains: Readonly<Record<ConsolePartition, string>> = {
  aws: "console.aws.amazon.com",
  "aws-cn": "console.amazonaws.cn",
  "aws-us-gov": "console.amazonaws-us-gov.com",
};

/** `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, else `aws` (no region included). */
export function consolePartition(region: string | undefined): ConsolePartition {
  if (region?.startsWith("cn-") === true) return "aws-cn";
  if (region?.startsWith("us-gov-") === true) return "aws-us-gov";
  return "aws";
}

/**
 * The console page to land on (SPECS §e): `--destination` as given, when it is an `https` URL
 * on the console domain of the region's partition (`console.aws.amazon.com` or a subdomain,
 * `console.amazonaws.cn`, `console.amazonaws-us-gov.com`) — the login URL would otherwise send
 * the signed-in browser anywhere; `--service S` → that service's console home in the region;
 * else the console home. A commercial region gets its regional console host
 * (`<region>.console.aws.amazon.com`), so the console does not open in the region it last
 * remembered.
 *
 * @throws UsageError for both options at once, a URL outside the console domains or another
 *   partition's, a malformed service or region name.
 */
export function consoleDestination(input: DestinationInput): string {
  const { destination, service, region } = input;
  if (region !== undefined && !/^[a-z]{2,4}(-[a-z0-9]+)+-\d+$/.test(region)) {
    throw new UsageError(`"${region}" is not an AWS region name`, {
      hint: "Give a region such as eu-west-1 (--region, AWS_REGION or the profile's region)",
    });
  }
  if (destination !== undefined && service !== undefined) {
    throw new UsageError("--destination and --service both say where the console opens", {
      hint: "Give one of them",
    });
  }
  const partition = consolePartition(region);
  if (destination !== undefined) return checkedDestination(destination, partition, region);
  const host = consoleHost(partition, region);
  const query = region === undefined ? "" : `?region=${region}`;
  if (service === undefined) return `https://${host}/console/home${query}`;
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(service)) {
    throw new UsageError(`--service "${service}" is not a console service name`, {
      hint: "Give the name the console uses in its URLs, e.g. --service s3, --service ec2, --service iam",
    });
  }
  return `https://${host}/${service}/home${query}`;
}

function consoleHost(partition: ConsolePartition, region: string | undefined): string {
  const domain = consoleDomains[partition];
  return partition === "aws" && region !== undefined ? `${region}.${domain}` : domain;
}

function checkedDestination(
  text: string,
  partition: ConsolePartition,
  region: string | undefined,
): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw outsideConsole(text);
  }
  const found = partitionOfHost(url.hostname);
  if (
    url.protocol !== "https:" ||
    url.username !== "" ||
    url.password !== "" ||
    url.port !== "" ||
    found === undefined
  ) {
    throw outsideConsole(text);
  }
  if (found !== partition) {
    throw new UsageError(
      `--destination ${url.origin} is a console of the ${found} partition, but the sign-in is for ${region ?? "no region"} (${partition})`,
      {
        hint: "Give a --region of the destination's partition, e.g. --region cn-north-1 for console.amazonaws.cn",
      },
    );
  }
  return url.href;
}

function partitionOfHost(host: string): ConsolePartition | undefined {
  for (const [partition, domain] of Object.entries(consoleDomains)) {
    if (host === domain || host.endsWith(`.${domain}`)) {
      return partition === "aws-cn" || partition === "aws-us-gov" ? partition : "aws";
    }
  }
  return undefined;
}

function outsideConsole(text: string): UsageError {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return new UsageError(`--destination "${shown}" is not an AWS console URL`, {
    hint: "Give an https:// URL on console.aws.amazon.com (or a subdomain such as eu-west-1.console.aws.amazon.com), console.amazonaws.cn or console.amazonaws-us-gov.com, or use --service",
  });
}
