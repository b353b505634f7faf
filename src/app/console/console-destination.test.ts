import { describe, expect, it } from "vitest";
import { ExitCode, UsageError } from "../../errors.js";
import { consoleDestination } from "./console-destination.js";

describe("consoleDestination", () => {
  it.each([
    [{}, "https://console.aws.amazon.com/console/home"],
    [
      { region: "eu-west-1" },
      "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1",
    ],
    [
      { region: "us-east-1", service: "s3" },
      "https://us-east-1.console.aws.amazon.com/s3/home?region=us-east-1",
    ],
    [
      { region: "cn-north-1", service: "ec2" },
      "https://console.amazonaws.cn/ec2/home?region=cn-north-1",
    ],
    [
      { region: "us-gov-west-1" },
      "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1",
    ],
    [{ service: "iam" }, "https://console.aws.amazon.com/iam/home"],
    [
      { region: "eu-west-1", destination: "https://console.aws.amazon.com/iam/home#/roles" },
      "https://console.aws.amazon.com/iam/home#/roles",
    ],
    [
      {
        region: "ap-south-1",
        destination: "https://ap-south-1.console.aws.amazon.com/ec2/home?region=ap-south-1",
      },
      "https://ap-south-1.console.aws.amazon.com/ec2/home?region=ap-south-1",
    ],
    [
      { region: "cn-northwest-1", destination: "https://console.amazonaws.cn/s3/" },
      "https://console.amazonaws.cn/s3/",
    ],
    [
      { region: "us-gov-east-1", destination: "https://console.amazonaws-us-gov.com/" },
      "https://console.amazonaws-us-gov.com/",
    ],
  ])("%j → %s", (input, expected) => {
    expect(consoleDestination(input)).toBe(expected);
  });

  it.each([
    [{ destination: "https://evil.example/" }, "is not an AWS console URL"],
    [{ destination: "https://console.aws.amazon.com.evil.example/" }, "is not an AWS console URL"],
    [{ destination: "https://evilconsole.aws.amazon.com/" }, "is not an AWS console URL"],
    [{ destination: "http://console.aws.amazon.com/" }, "is not an AWS console URL"],
    [{ destination: "https://user@console.aws.amazon.com/" }, "is not an AWS console URL"],
    [{ destination: "https://console.aws.amazon.com:8443/" }, "is not an AWS console URL"],
    [{ destination: "javascript:alert(1)" }, "is not an AWS console URL"],
    [{ destination: "not a url" }, "is not an AWS console URL"],
    [{ destination: "https://console.amazonaws.cn/" }, "partition"],
    [{ region: "cn-north-1", destination: "https://console.aws.amazon.com/" }, "partition"],
    [{ destination: "https://console.aws.amazon.com/", service: "s3" }, "both"],
    [{ service: "S3/../x" }, "is not a console service name"],
    [{ region: "evil.example/x?" }, "is not an AWS region name"],
  ])("refuses %j as a usage error", (input, text) => {
    let caught: unknown;
    try {
      consoleDestination(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect(caught).toMatchObject({ exitCode: ExitCode.Usage });
    expect(String(caught)).toContain(text);
  });
});
