/**
 * The message SageMaker puts on the queue for a Callback step:
 * {"token", "pipelineExecutionArn", "arguments", "status"} (status "Executing", or "Stopping"
 * when the execution is being stopped). Key case is not relied on: AWS's API reference spells the
 * stop field "Status", its developer guide "status".
 */
export interface CallbackMessage {
  token: string;
  executionArn: string;
  status: 'Executing' | 'Stopping';
  arguments: Record<string, unknown>;
}

export type ParsedMessage =
  | { ok: true; message: CallbackMessage }
  /** `token` is set when it could be read: the bridge then fails the step with `reason`. */
  | { ok: false; token?: string; reason: string };

const TOKEN = /^[A-Za-z0-9]{1,64}$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:pipeline\/[^/]+\/execution\/[A-Za-z0-9]+$/;

export function parseCallbackMessage(body: string): ParsedMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the message body is not JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'the message body is not a JSON object' };
  const fields = lowerKeys(parsed as Record<string, unknown>);
  const token = typeof fields.token === 'string' && TOKEN.test(fields.token) ? fields.token : undefined;
  if (!token) return { ok: false, reason: 'the message has no callback token' };
  const fail = (reason: string): ParsedMessage => ({ ok: false, token, reason });
  const executionArn = fields.pipelineexecutionarn;
  if (typeof executionArn !== 'string' || !EXECUTION_ARN.test(executionArn)) return fail('the message has no valid pipelineExecutionArn');
  const status = fields.status ?? 'Executing';
  if (status !== 'Executing' && status !== 'Stopping') return fail(`unknown callback status "${String(status)}"`);
  const args = fields.arguments ?? {};
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return fail('the message arguments are not a JSON object');
  return { ok: true, message: { token, executionArn, status, arguments: args as Record<string, unknown> } };
}

function lowerKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}
