import type { XmlValue } from "../http/xml.js";
import type { AccessKey, Group, ManagedPolicy, Role, User } from "../world/model.js";
import { encodePolicy } from "./iam-support.js";

/** The `User` shape of IAM responses. */
export function userXml(user: User): XmlValue {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
  };
}

/** The `Role` shape of IAM responses (trust policy URL-encoded, as AWS returns it). */
export function roleXml(role: Role): XmlValue {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodePolicy(role.trustPolicy),
    Description: role.description === "" ? undefined : role.description,
    MaxSessionDuration: role.maxSessionDuration,
  };
}

/** The `Group` shape of IAM responses. */
export function groupXml(group: Group): XmlValue {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: group.arn,
    CreateDate: group.createDate,
  };
}

/** `AccessKeyMetadata` (no secret). */
export function accessKeyMetadataXml(key: AccessKey): XmlValue {
  return {
    UserName: key.userName,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: key.createDate,
  };
}

/** The `Policy` shape of IAM responses. */
export function policyXml(policy: ManagedPolicy, attachmentCount: number): XmlValue {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: "v1",
    AttachmentCount: attachmentCount,
    IsAttachable: true,
    CreateDate: policy.createDate,
    UpdateDate: policy.createDate,
  };
}
