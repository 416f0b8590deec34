import type { CodeInfo } from './types.js';

const SECRET_HINT = 'store it in AWS Secrets Manager and pass the secret ARN; the job fetches it at run time. DescribePipeline shows the definition to anyone with read access.';

/**
 * A secret is reported where it was written: in the spec, in a --set argument, or in a spec value
 * only once vars are substituted (`substituted` names them). `subject` is what the secret is (an
 * AWS access key id) or the key that names it (HF_TOKEN).
 */
function secretMessages<const F extends string>(finding: F) {
  return {
    inSpec: { message: finding, hint: SECRET_HINT },
    fromSet: { message: `--set {{name}}=…: ${finding}`, hint: SECRET_HINT },
    substituted: { message: `${finding} {{substituted}}`, hint: SECRET_HINT },
  } as const;
}

/** SMP7xxx: secrets. */
export const SECRETS = {
  SMP7001: { severity: 'error', title: 'AWS access key id in the spec, a vars file or a --set value', messages: secretMessages('this value contains {{subject}}') },
  SMP7002: { severity: 'error', title: 'AWS secret access key in the spec, a vars file or a --set value', messages: secretMessages('"{{subject}}" holds an AWS secret access key') },
  SMP7003: { severity: 'error', title: 'Hugging Face token in the spec, a vars file or a --set value', messages: secretMessages('this value contains {{subject}}') },
  SMP7004: { severity: 'error', title: 'Private key in the spec, a vars file or a --set value', messages: secretMessages('this value contains {{subject}}') },
  SMP7005: { severity: 'error', title: 'Literal value for a secret-named environment variable or argument', messages: secretMessages('"{{subject}}" looks like a secret and has a literal value') },
} as const satisfies Record<string, CodeInfo>;
