import type { Severity } from './diagnostic.js';

interface CodeInfo {
  severity: Severity;
  /** One line for the README's catalogue and `smpipe explain` (explanations/ holds the rest). */
  title: string;
}

/**
 * Every diagnostic smpipe can emit. Codes are stable: never renumber, only add.
 * 1xxx loading · 2xxx spec schema · 3xxx expressions and references · 4xxx graph ·
 * 5xxx names and limits · 6xxx files, assets, images · 7xxx secrets · 8xxx SageMaker API shapes ·
 * 9xxx deploy (plan, upsert, start, watch: what AWS answered); 9501-9549 the local runner (smpipe run).
 */
export const CODES = {
  SMP1001: { severity: 'error', title: 'YAML syntax error, or bytes YAML does not allow (invalid UTF-8, a NUL or control character)' },
  SMP1002: { severity: 'error', title: 'Duplicate key in a YAML mapping' },
  SMP1003: { severity: 'error', title: 'Spec or vars file cannot be read (a folder, a pipe or device), or is empty' },
  SMP1004: { severity: 'error', title: 'Malformed --set argument (expected key=value)' },
  SMP1005: { severity: 'error', title: 'Spec too large, or a value or alias expansion over the size limit' },
  SMP1006: { severity: 'error', title: 'Unsupported YAML feature (custom tag, non-string key, merge key, an alias inside the node it names)' },
  SMP1010: { severity: 'error', title: 'Output folder refused: smpipe did not write it (no .smpipe-output marker), or it is a file, a link, the current folder or holds the spec' },
  SMP1011: { severity: 'error', title: 'Output folder cannot be written (read-only, no permission, disk full)' },

  SMP2001: { severity: 'error', title: 'Unknown property' },
  SMP2002: { severity: 'error', title: 'Missing required property' },
  SMP2003: { severity: 'error', title: 'Value has the wrong type' },
  SMP2004: { severity: 'error', title: 'Value is not one of the allowed values or does not match the required pattern' },
  SMP2005: { severity: 'error', title: 'Value out of range (number, length or item count), or a number JSON cannot hold exactly (NaN, infinity, integers past 2^53)' },
  SMP2006: { severity: 'error', title: 'Unknown step kind' },
  SMP2007: { severity: 'error', title: 'Invalid field combination (mutually exclusive or dependent fields)' },

  SMP3001: { severity: 'error', title: 'Expression syntax error' },
  SMP3002: { severity: 'error', title: 'Unknown pipeline parameter' },
  SMP3003: { severity: 'error', title: 'Unknown var' },
  SMP3004: { severity: 'error', title: 'Var has no value (set it with --vars or --set)' },
  SMP3005: { severity: 'error', title: 'Unknown step' },
  SMP3006: { severity: 'error', title: 'Unknown output of a step' },
  SMP3007: { severity: 'error', title: 'Unknown report (property file) of a step' },
  SMP3008: { severity: 'error', title: 'Property path not in the step\'s Describe* response' },
  SMP3009: { severity: 'error', title: 'Unknown execution variable' },
  SMP3010: { severity: 'error', title: 'Expression type mismatch' },
  SMP3011: { severity: 'error', title: 'Run-time expression where only compile-time values are allowed' },
  SMP3012: { severity: 'error', title: 'A step refers to itself' },
  SMP3013: { severity: 'error', title: 'Step exposes no such property for its kind' },

  SMP4001: { severity: 'error', title: 'Reference cycle between steps' },
  SMP4002: { severity: 'error', title: 'Step listed in more than one condition branch' },
  SMP4003: { severity: 'error', title: 'Step inside a condition branch used from outside it in a way SageMaker rejects' },
  SMP4004: { severity: 'warning', title: 'Parameter is never used' },
  SMP4005: { severity: 'warning', title: 'Step is redundant in dependsOn (already implied by a reference)' },
  SMP4006: { severity: 'error', title: 'A condition lists itself or one of its ancestors in a branch' },
  SMP4007: { severity: 'warning', title: 'A cached step\'s cache key holds a value that changes in every execution (the step is never reused)' },
  SMP4008: { severity: 'warning', title: 'A cached step\'s cache key reads a step that runs again in every execution (the step is never reused)' },

  SMP5001: { severity: 'error', title: 'Invalid step name' },
  SMP5002: { severity: 'error', title: 'Invalid or too long pipeline name' },
  SMP5003: { severity: 'error', title: 'Container argument longer than 256 characters' },
  SMP5004: { severity: 'warning', title: 'Definition larger than the 1 MiB inline limit (upsert goes through S3)' },
  SMP5005: { severity: 'error', title: 'Retry policies are not supported on this step kind' },
  SMP5006: { severity: 'error', title: 'Caching is not supported on this step kind' },
  SMP5007: { severity: 'error', title: 'Display name or description too long, or a pipeline display name with characters SageMaker rejects' },
  SMP5008: { severity: 'error', title: 'Invalid parameter definition (default or enum of the wrong type, default outside enum)' },

  SMP6001: { severity: 'error', title: 'Code folder not found' },
  SMP6002: { severity: 'error', title: 'Entry script not found in the code folder' },
  SMP6003: { severity: 'error', title: 'Local input file or folder not found' },
  SMP6004: { severity: 'error', title: 'Unknown or missing AWS region for an image lookup' },
  SMP6005: { severity: 'error', title: 'Unknown Deep Learning Container image or version' },
  SMP6006: { severity: 'error', title: 'Invalid S3 URI' },
  SMP6007: { severity: 'error', title: 'Local path outside the project (the git work tree, else the spec\'s folder) and not listed in localFiles.allowOutside' },
  SMP6008: { severity: 'error', title: 'Code folder over the archive size limit (localFiles.maxArchiveMiB)' },
  SMP6010: { severity: 'error', title: 'Secret in a file packed into a code archive (.env, credentials, a token in source)' },
  SMP6011: { severity: 'error', title: 'Code folder cannot be packed (broken or looping link, unreadable file, path too long for tar, changed while packing)' },

  SMP7001: { severity: 'error', title: 'AWS access key id in the spec, a vars file or a --set value' },
  SMP7002: { severity: 'error', title: 'AWS secret access key in the spec, a vars file or a --set value' },
  SMP7003: { severity: 'error', title: 'Hugging Face token in the spec, a vars file or a --set value' },
  SMP7004: { severity: 'error', title: 'Private key in the spec, a vars file or a --set value' },
  SMP7005: { severity: 'error', title: 'Literal value for a secret-named environment variable or argument' },

  SMP8001: { severity: 'error', title: 'Field not in the SageMaker API request shape' },
  SMP8002: { severity: 'error', title: 'Required SageMaker API field missing' },
  SMP8003: { severity: 'error', title: 'Value not in the SageMaker API enum (for example an instance type)' },
  SMP8004: { severity: 'error', title: 'Number or length outside the SageMaker API range' },
  SMP8005: { severity: 'error', title: 'Value has the wrong type for the SageMaker API field' },
  SMP8006: { severity: 'error', title: 'Compiled definition violates the pipeline definition schema' },

  SMP9001: { severity: 'error', title: 'SageMaker rejected the pipeline definition (ValidationException)' },
  SMP9002: { severity: 'error', title: 'Pipeline role does not exist or SageMaker cannot assume it' },
  SMP9003: { severity: 'error', title: 'Invalid execution parameter (unknown name, wrong type, not an allowed value)' },
  SMP9004: { severity: 'error', title: 'No AWS credentials found' },
  SMP9005: { severity: 'error', title: 'Access denied by AWS (names the action and resource)' },
  SMP9006: { severity: 'error', title: 'S3 bucket is in another region than the deploy' },
  SMP9007: { severity: 'error', title: 'Throttled by AWS after every retry' },
  SMP9008: { severity: 'error', title: 'No AWS region configured' },
  SMP9009: { severity: 'error', title: 'Pipeline or execution not found' },
  SMP9010: { severity: 'error', title: 'Pipeline settings cannot be deployed (no compile-time role, no artifacts prefix)' },
  SMP9011: { severity: 'error', title: 'Upload to S3 failed (bucket missing, connection lost)' },
  SMP9012: { severity: 'error', title: 'AWS request failed' },
  SMP9013: { severity: 'error', title: 'Not a compiled folder smpipe can read (manifest.json missing, malformed or of another version; a file missing)' },
  SMP9014: { severity: 'error', title: 'A file of the compiled folder does not match its sha256 in manifest.json (changed after compile)' },
  SMP9015: { severity: 'error', title: 'Deploy region differs from the region the folder was compiled for' },
  SMP9016: { severity: 'error', title: 'AWS did not answer in time (connection or request timeout, after every retry)' },
  SMP9035: { severity: 'error', title: 'No such step in the pipeline (start --from, logs STEP), or too many steps for a selective execution' },
  SMP9036: { severity: 'error', title: 'Step has no job whose logs could be shown (a callback, condition, lambda or model step)' },
  SMP9037: { severity: 'error', title: 'No execution to reuse steps from (none succeeded; the reference is running, or of another pipeline)' },
  SMP9038: { severity: 'warning', title: 'Preflight could not look something up (no permission, or the lookup failed): not checked' },
  SMP9039: { severity: 'error', title: 'Execution cannot be retried (only a Failed execution can)' },
  SMP9040: { severity: 'error', title: 'Service quota too low for an instance type and count the run uses' },
  SMP9041: { severity: 'warning', title: 'Service quota too low for an instance type a parameter allows (only a run that picks it fails)' },
  SMP9042: { severity: 'warning', title: 'No service quota of that name in the region (the instance type may not be offered there)' },
  SMP9043: { severity: 'error', title: 'IAM role does not exist' },
  SMP9044: { severity: 'error', title: 'IAM role does not trust sagemaker.amazonaws.com' },
  SMP9045: { severity: 'error', title: 'S3 bucket does not exist' },
  SMP9046: { severity: 'error', title: 'SQS queue does not exist' },
  SMP9047: { severity: 'error', title: 'Ground Truth work team does not exist' },
  SMP9048: { severity: 'error', title: 'Lambda function does not exist' },
  SMP9049: { severity: 'error', title: 'Secrets Manager secret does not exist' },
  SMP9050: { severity: 'error', title: 'The definition records executions in SageMaker Experiments, which the region does not have (executions fail)' },
  SMP9051: { severity: 'warning', title: 'SageMaker Experiments is not in the region: the default experiment config was left out (note)' },
  SMP9052: { severity: 'warning', title: 'A job step has no maximum runtime: its worst-case cost has no bound smpipe knows' },
  SMP9053: { severity: 'warning', title: 'No price in smpipe\'s table for an instance type in the region: the cost estimate leaves it out' },

  SMP9501: { severity: 'error', title: 'Expression or property path the local runner cannot resolve' },
  SMP9502: { severity: 'error', title: 'Step type the local runner cannot execute' },
  SMP9503: { severity: 'error', title: 'S3 input not on this machine and no AWS credentials to fetch it' },
  SMP9504: { severity: 'error', title: 'Callback or ground-truth step without a local answer (--callback, --labels, --simulate-labels)' },
  SMP9505: { severity: 'error', title: 'Lambda step without a local handler or outputs file (--lambda)' },
  SMP9506: { severity: 'error', title: '--callback, --lambda or --from names no step of the right type' },
  SMP9507: { severity: 'error', title: '--from cannot reuse earlier results (no earlier run, or a step before it did not succeed there)' },
  SMP9508: { severity: 'error', title: 'No Docker engine for --backend docker' },
  SMP9510: { severity: 'error', title: 'Fetching an S3 input from AWS failed' },
  SMP9511: { severity: 'error', title: 'Invalid local answer file (--labels, --callback, --lambda outputs)' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function severityOf(code: Code): Severity {
  return CODES[code].severity;
}
