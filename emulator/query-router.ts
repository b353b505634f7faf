import { authenticate } from "./auth/authenticate.js";
import { AwsError } from "./http/aws-error.js";
import {
  parseQueryParams,
  QueryNamespace,
  queryError,
  type QueryParams,
  queryResult,
} from "./http/query-protocol.js";
import type { EmulatorRequest } from "./http/types.js";
import { IAM_OPERATIONS } from "./iam/iam-operations.js";
import type { QueryOperation } from "./query-operation.js";
import type { RoutedCall } from "./routed-call.js";
import { peekAccessKeyId } from "./sigv4/parse-authorization.js";
import type { EmulatorState } from "./state.js";
import { STS_OPERATIONS } from "./sts/sts-operations.js";

const SERVICES = {
  sts: { namespace: QueryNamespace.sts, version: "2011-06-15", operations: STS_OPERATIONS },
  iam: { namespace: QueryNamespace.iam, version: "2010-05-08", operations: IAM_OPERATIONS },
} as const;

/**
 * Matches an awsQuery request (STS or IAM: `Action=…&Version=…` on `/`). The service comes from
 * the SigV4 credential scope, or from `Version` for unsigned calls.
 */
export function routeQuery(state: EmulatorState, request: EmulatorRequest): RoutedCall | undefined {
  if (request.url.pathname !== "/" || (request.method !== "POST" && request.method !== "GET"))
    return undefined;
  const params = parseQueryParams(request.url, request.body);
  const action = params["Action"];
  if (action === undefined) return undefined;
  const authorization = first(request.headers.authorization);
  const scopeService =
    authorization === undefined
      ? undefined
      : /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(authorization)?.[1];
  const serviceName =
    scopeService === "iam" ||
    (scopeService === undefined && params["Version"] === SERVICES.iam.version)
      ? "iam"
      : "sts";
  const service = SERVICES[serviceName];
  const operation = service.operations.get(action);
  const fail = (error: AwsError) => queryError(service.namespace, error, request.requestId);
  return {
    operation: `${serviceName}:${action}`,
    accessKeyId: peekAccessKeyId(authorization),
    fail: (failure) => fail(injectedError(failure, `${serviceName}:${action}`)),
    run: async () => {
      try {
        if (operation === undefined) {
          throw new AwsError(
            "InvalidAction",
            `Could not find operation ${action} for version ${params["Version"] ?? ""}`,
            400,
          );
        }
        return queryResult(
          service.namespace,
          action,
          await runOperation(state, request, params, operation),
          request.requestId,
        );
      } catch (error) {
        if (error instanceof AwsError) return fail(error);
        throw error;
      }
    },
  };
}

async function runOperation(
  state: EmulatorState,
  request: EmulatorRequest,
  params: QueryParams,
  operation: QueryOperation,
) {
  if (!operation.signed) return operation.run(state, params);
  const caller = await authenticate(request, state.world);
  return operation.run(state, params, caller);
}

/** The answer of an injected failure, in AWS's words. */
function injectedError(failure: "throttle" | "error" | "denied", operation: string): AwsError {
  switch (failure) {
    case "throttle":
      return new AwsError("Throttling", "Rate exceeded", 400);
    case "denied":
      return new AwsError(
        "AccessDenied",
        `User is not authorized to perform: ${operation} (injected by the emulator)`,
        403,
      );
    case "error":
      return new AwsError(
        "InternalFailure",
        "The request processing has failed because of an unknown error, exception or failure.",
        500,
      );
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
