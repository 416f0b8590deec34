/**
 * The roles the pipeline and its jobs run as exist and let SageMaker assume them: the pipeline's
 * role and every literal RoleArn in the steps' Arguments (jobs, models, the labeling job). IAM's
 * GetRole looks a name up in the account of the credentials: a role of another account cannot be
 * checked from here, and says so.
 */
import type { Json } from '../../expr/types.js';
import { flattenSteps } from '../step-diff.js';
import type { PreflightClients } from './clients.js';
import { couldNotCheck, finding, isMissing, type Finding } from './findings.js';

const SERVICE = 'sagemaker.amazonaws.com';

/** The pipeline role, then each distinct literal RoleArn of the steps. */
export function rolesOf(definition: Json, pipelineRole: string | null | undefined, only?: ReadonlySet<string>): string[] {
  const roles = new Set<string>(pipelineRole ? [pipelineRole] : []);
  for (const step of flattenSteps(definition).filter((s) => !only || only.has(s.name))) {
    const role = ((step.body.Arguments ?? {}) as Record<string, unknown>).RoleArn;
    if (typeof role === 'string' && role.startsWith('arn:')) roles.add(role);
  }
  return [...roles];
}

export async function checkRole(clients: PreflightClients, arn: string): Promise<Finding[]> {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const { GetRoleCommand } = await import('@aws-sdk/client-iam');
  try {
    const { Role: role } = await (await clients.iam()).send(new GetRoleCommand({ RoleName: name }));
    if (role?.Arn && role.Arn !== arn) return [finding('SMP9038', `role ${arn} was not checked: it is not in the account of your credentials (found ${role.Arn})`)];
    return trusts(role?.AssumeRolePolicyDocument) ? [] : [finding('SMP9044', `role ${arn} does not trust ${SERVICE}: SageMaker cannot assume it`, `add a trust policy statement {"Effect": "Allow", "Principal": {"Service": "${SERVICE}"}, "Action": "sts:AssumeRole"} to the role`)];
  } catch (error) {
    if (isMissing(error, ['NoSuchEntity', 'NoSuchEntityException'])) {
      return [finding('SMP9043', `role ${arn} does not exist (in the account of your credentials)`, 'create it (trusted by sagemaker.amazonaws.com), or fix the roleArn var')];
    }
    return [couldNotCheck(`role ${arn}`, 'iam:GetRole', error)];
  }
}

/** Does the trust policy (IAM returns it URL-encoded) allow sagemaker.amazonaws.com to sts:AssumeRole? */
export function trusts(document: string | undefined): boolean {
  if (!document) return false;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(decodeURIComponent(document)) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return statements.some((s) => {
    const statement = (s ?? {}) as { Effect?: string; Action?: unknown; Principal?: { Service?: unknown } };
    const actions = [statement.Action].flat();
    const services = [statement.Principal?.Service].flat();
    return statement.Effect === 'Allow' && actions.some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*') && services.includes(SERVICE);
  });
}
