import type { Reporter } from '../diagnostics/reporter.js';
import { joinPointer } from '../spec/pointer.js';

/** Secrets recognisable by their shape, whatever key they sit under. */
type ShapeCode = 'SMP7001' | 'SMP7003' | 'SMP7004';
/** Every secret code: the shapes, an AWS secret access key (7002) and a literal under a secret's name (7005). */
export type SecretCode = ShapeCode | 'SMP7002' | 'SMP7005';

/** A secret in a string: its code, what it is or the key that names it (the messages' `subject`), the matched text. */
export interface Secret {
  code: SecretCode;
  subject: string;
  match?: string;
}

/** Values that are secrets whatever key they sit under. */
const PATTERNS: { code: ShapeCode; what: string; re: RegExp }[] = [
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

/** Calls `visit` for every string in `value` with its pointer and the key (or CLI flag) naming it. */
export function visitStrings(value: unknown, pointer: string, key: string, visit: (text: string, pointer: string, key: string) => void): void {
  if (typeof value === 'string') visit(value, pointer, key);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const previous = value[i - 1];
      // `--hf-token VALUE` in an argument list: the flag names the secret.
      const flag = typeof previous === 'string' && /^--?[\w-]+$/.test(previous) ? previous.replace(/^-+/, '') : key;
      visitStrings(item, joinPointer(pointer, i), flag, visit);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) visitStrings(v, joinPointer(pointer, k), k, visit);
  }
}

/**
 * Scans every string of the spec: literals, environment, hyperparameters,
 * arguments and parameter defaults. Secrets in a definition are readable by
 * anyone who can call DescribePipeline, so each one is an error.
 */
export function scanSecrets(value: unknown, pointer: string, reporter: Reporter, key = ''): void {
  visitStrings(value, pointer, key, (text, at, name) => {
    const found = secretIn(text, name);
    if (found) reporter.report(`${found.code}.inSpec`, at, { subject: found.subject }, found.match === undefined ? {} : { within: found.match });
  });
}

/** A secret found in free text by its shape alone (no key name needed). */
export interface SecretFinding {
  code: ShapeCode;
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

/** Every secret in `text` recognisable by its shape, in order of position. */
export function findAllSecretsInText(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const { code, what, re } of PATTERNS) {
    for (const match of text.matchAll(new RegExp(re.source, 'g'))) found.push({ code, what, match: match[0], index: match.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A secret-named key (`HF_TOKEN`, `--api-key`) holding a literal, or a value that is a secret by its shape. */
export function secretIn(text: string, key: string): Secret | undefined {
  const found = findSecretInText(text);
  if (found) return { code: found.code, subject: found.what, match: found.match };
  return secretByName(text, key);
}

/** The key-name rules alone: SMP7002 for an AWS secret access key, SMP7005 for a literal under a secret's name. */
export function secretByName(text: string, key: string): Secret | undefined {
  if (SECRET_KEY_NAME.test(key) && AWS_SECRET_VALUE.test(text)) return { code: 'SMP7002', subject: key };
  if (SECRET_NAME.test(key) && !NOT_A_SECRET.test(text) && !/-(?:arn|secret-arn|secret-id)$/i.test(key)) return { code: 'SMP7005', subject: key };
  return undefined;
}
