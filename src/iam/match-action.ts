/**
 * Whether the action `pattern` of a policy (`iam:*`, `s3:Get*`, `*`) covers the requested
 * `action` (`iam:GetUser`). As IAM: case does not matter, `*` and `?` are wildcards in the
 * action name only; the service prefix is compared as it is.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (/^\*+$/.test(pattern)) return true;
  const [service = "", name = ""] = pattern.split(":");
  const [requestService = "", requestName = ""] = action.split(":");
  if (name === "" || /\s/.test(name)) return false;
  if (service.toLowerCase() !== requestService.toLowerCase()) return false;
  const source = name
    .replace(/[.+^${}()|[\]\\/]/g, "\\$&")
    .replace(/\?/g, ".")
    .replace(/\*/g, ".*?");
  return new RegExp(`^${source}$`, "i").test(requestName);
}

/** `Action` (any pattern covers it) or `NotAction` (none does). */
export function actionElementMatches(
  element: { readonly negated: boolean; readonly patterns: readonly string[] },
  action: string,
): boolean {
  const covered = element.patterns.some((pattern) => actionMatches(pattern, action));
  return element.negated ? !covered : covered;
}
