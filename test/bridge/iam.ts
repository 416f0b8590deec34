/**
 * Just enough of IAM's policy evaluation for the bridge's roles
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny wins, then any Allow; Resource / NotResource and Action match with "*" and "?"
 * wildcards; condition operators ArnEquals, ArnLike and StringEquals, a key missing from the
 * request context not matching (so a Deny on it does not apply and an Allow does not grant).
 */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function glob(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}

const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  ArnEquals: (p, v) => p === v,
  ArnLike: glob,
  StringEquals: (p, v) => p === v,
};

function conditionsHold(statement: Statement, context: Record<string, string>): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) => Object.entries(keys).every(([key, patterns]) => {
    const test = OPERATORS[operator];
    if (!test) throw new Error(`iam: operator ${operator} is not supported`);
    const value = context[key];
    return value !== undefined && list(patterns).some((p) => test(p, value));
  }));
}

function applies(statement: Statement, action: string, resource: string, context: Record<string, string>): boolean {
  if (!list(statement.Action).some((a) => glob(a, action))) return false;
  const inResource = statement.Resource !== undefined
    ? list(statement.Resource).some((r) => glob(r, resource))
    : !list(statement.NotResource ?? []).some((r) => glob(r, resource));
  return inResource && conditionsHold(statement, context);
}

export function allows(statements: readonly Statement[], action: string, resource: string, context: Record<string, string> = {}): boolean {
  if (statements.some((s) => s.Effect === 'Deny' && applies(s, action, resource, context))) return false;
  return statements.some((s) => s.Effect === 'Allow' && applies(s, action, resource, context));
}
