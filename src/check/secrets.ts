import type { Code } from '../diagnostics/codes.js';
import type { Reporter } from '../diagnostics/reporter.js';

const HINT = 'store it in AWS Secrets Manager and pass the secret ARN; the job fetches it at run time. DescribePipeline shows the definition to anyone with read access.';

/** Values that are secrets whatever key they sit under. */
const PATTERNS: { code: Code; what: string; re: RegExp }[] = [
  { code: 'SMP7001', what: 'an AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { code: 'SMP7003', what: 'a Hugging Face token', re: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { code: 'SMP7004', what: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
];

const SECRET_KEY_NAME = /secret.?access.?key/i;
const AWS_SECRET_VALUE = /^[A-Za-z0-9/+]{40}$/;
/** Names that announce a secret: environment variables, hyperparameters, CLI flags. */
const SECRET_NAME = /(?:^|[_-])(?:token|secret|password|passwd|api[_-]?key|access[_-]?key|private[_-]?key)(?:$|[_-])/i;
/** A reference to a secret, not the secret: ARNs, expressions, empty values. */
const NOT_A_SECRET = /^(?:arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):|\$\{|$)/;

/**
 * Scans every string of the spec: literals, environment, hyperparameters,
 * arguments and parameter defaults. Secrets in a definition are readable by
 * anyone who can call DescribePipeline, so each one is an error.
 */
export function scanSecrets(value: unknown, pointer: string, reporter: Reporter, key = ''): void {
  if (typeof value === 'string') scanString(value, pointer, key, reporter);
  else if (Array.isArray(value)) value.forEach((item, i) => scanListItem(value, i, `${pointer}/${i}`, reporter, key));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) scanSecrets(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, reporter, k);
  }
}

function scanListItem(list: unknown[], i: number, pointer: string, reporter: Reporter, key: string): void {
  const previous = list[i - 1];
  // `--hf-token VALUE` in an argument list: the flag names the secret.
  const flag = typeof previous === 'string' && /^--?[\w-]+$/.test(previous) ? previous.replace(/^-+/, '') : key;
  scanSecrets(list[i], pointer, reporter, flag);
}

/** A secret found in free text by its shape alone (no key name needed). */
export interface SecretFinding {
  code: Code;
  /** What it is, for messages: "a Hugging Face token". */
  what: string;
  /** The matched text (callers must not print it whole). */
  match: string;
  /** Offset of the match in the text. */
  index: number;
}

/** The first secret in `text` recognisable by its shape (AWS key id, Hugging Face token, private key). */
export function findSecretInText(text: string): SecretFinding | undefined {
  for (const { code, what, re } of PATTERNS) {
    const match = re.exec(text);
    if (match) return { code, what, match: match[0], index: match.index };
  }
  return undefined;
}

function scanString(text: string, pointer: string, key: string, reporter: Reporter): void {
  const found = findSecretInText(text);
  if (found) {
    reporter.report(found.code, pointer, `this value contains ${found.what}`, { hint: HINT, within: found.match });
    return;
  }
  if (SECRET_KEY_NAME.test(key) && AWS_SECRET_VALUE.test(text)) {
    reporter.report('SMP7002', pointer, `"${key}" holds an AWS secret access key`, { hint: HINT });
  } else if (SECRET_NAME.test(key) && !NOT_A_SECRET.test(text) && !/-(?:arn|secret-arn|secret-id)$/i.test(key)) {
    reporter.report('SMP7005', pointer, `"${key}" looks like a secret and has a literal value`, { hint: HINT });
  }
}
