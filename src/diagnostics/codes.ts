import type { Severity } from './diagnostic.js';
import type { Template } from './messages.js';

export interface CodeInfo {
  severity: Severity;
  /** One line for the README's catalogue and `smpipe explain` (explanations/ holds the rest). */
  title: string;
  /** The messages reported under this code, by id: `report('SMP2004.queueUrl', at, { queue })` (diagnostics/messages.ts). */
  messages?: Readonly<Record<string, Template>>;
}

/**
 * Every diagnostic smpipe can emit. Codes are stable: never renumber, only add.
 * 1xxx loading · 2xxx spec schema · 3xxx expressions and references · 4xxx graph ·
 * 5xxx names and limits · 6xxx files, assets, images · 7xxx secrets · 8xxx SageMaker API shapes ·
 * 9xxx deploy (plan, upsert, start, watch: what AWS answered); 9501-9549 the local runner (smpipe run).
 */
export const CODES = {
  SMP1001: {
    severity: 'error',
    title: 'YAML syntax error, or bytes YAML does not allow (invalid UTF-8, a NUL or control character)',
    messages: {
      yaml: '{{message}}',
      tabIndent: { message: 'YAML indentation cannot use tabs; use spaces', hint: 'replace the tab at the start of this line with spaces (your editor can show tabs)' },
      expressionInFlow: { message: '{{expression}} inside { } or [ ] is read as YAML, not as an expression', hint: 'quote the value: "{{expression}}"' },
      forbiddenCharacter: { message: '{{character}} is not allowed in YAML', hint: 'a NUL or control character usually means the file is binary or was saved in another encoding' },
      nul: 'a NUL character (U+0000) is not allowed here',
      invalidUtf8: 'invalid UTF-8 (byte 0x{{byte}}): save the file as UTF-8',
    },
  },
  SMP1002: {
    severity: 'error',
    title: 'Duplicate key in a YAML mapping',
    messages: {
      yaml: '{{message}}',
      duplicateKey: 'duplicate key "{{key}}": the mapping already has it',
    },
  },
  SMP1003: {
    severity: 'error',
    title: 'Spec or vars file cannot be read (a folder, a pipe or device), or is empty',
    messages: {
      empty: 'the document is empty',
      folder: '{{path}} is a folder, not a YAML file',
      notRegularFile: '{{path}} is not a regular file (a pipe, socket or device); save it to a file first',
    },
  },
  SMP1004: {
    severity: 'error',
    title: 'Malformed --set argument (expected key=value)',
    messages: {
      setSyntax: '--set {{pair}}: expected key=value',
    },
  },
  SMP1005: {
    severity: 'error',
    title: 'Spec too large, or a value or alias expansion over the size limit',
    messages: {
      yaml: '{{message}}',
      fileSize: 'file is {{size}} bytes; the limit is {{limit}}',
      nesting: 'YAML nesting deeper than {{limit}} levels',
      aliases: 'YAML aliases expand too far: {{message}}',
      longKey: 'key is {{length}} characters; the limit is {{limit}}',
      longValue: 'value is {{length}} characters; the limit is {{limit}}',
      overLimit: 'file is over the {{limit}}-byte limit',
    },
  },
  SMP1006: {
    severity: 'error',
    title: 'Unsupported YAML feature (custom tag, non-string key, merge key, an alias inside the node it names)',
    messages: {
      yaml: '{{message}}',
      customTag: 'custom YAML tag {{tag}} is not supported',
      selfAlias: 'alias *{{alias}} refers to a node that contains it, so the document would contain itself',
      keyNotString: 'mapping keys must be plain strings',
      mergeKey: { message: 'YAML merge keys (<<) are not supported: write the keys out', hint: 'anchors and aliases (&name, *name) of whole values still work' },
    },
  },
  SMP1010: { severity: 'error', title: 'Output folder refused: smpipe did not write it (no .smpipe-output marker), or it is a file, a link, the current folder or holds the spec' },
  SMP1011: { severity: 'error', title: 'Output folder cannot be written (read-only, no permission, disk full)' },

  SMP2001: {
    severity: 'error',
    title: 'Unknown property',
    messages: {
      unknownProperty: 'unknown property "{{name}}"',
      envelopeMember: { message: 'a {{type}} step has no envelope member "{{name}}"', hint: 'a {{type}} step takes: {{allowed}}; Arguments go under arguments:, and DependsOn, DisplayName, Description, CacheConfig and RetryPolicies have fields of their own' },
    },
  },
  SMP2002: {
    severity: 'error',
    title: 'Missing required property',
    messages: {
      variantName: 'name each variant when there are several (VariantName)',
      modelRole: 'a model needs an execution role: set role here or defaults.role',
      inputSource: 'an input needs a source (S3 URI or expression) or a local file',
      outputDestination: 'set artifacts: (an S3 prefix) or give this output an explicit destination',
      fixedLocation: 'set artifacts: (an S3 prefix) or give this location explicitly',
      assetsNeedArtifacts: 'set artifacts: (an S3 prefix) to store code and local files',
      missingProperty: 'missing required property "{{name}}"',
    },
  },
  SMP2003: {
    severity: 'error',
    title: 'Value has the wrong type',
    messages: {
      varsFileShape: 'a vars file must be a mapping of var names to values',
      varType: 'var "{{name}}" must be a string, number, boolean or null',
      type: 'expected {{types}}',
      noForm: 'does not match any of the allowed forms',
      schema: '{{message}}',
    },
  },
  SMP2004: {
    severity: 'error',
    title: 'Value is not one of the allowed values or does not match the required pattern',
    messages: {
      namePrefix: { message: '"{{prefix}}" is not a valid endpoint config name start', hint: 'letters, digits and hyphens, starting and ending with a letter or digit' },
      labelAttribute: { message: '"{{name}}" is not a valid label attribute name', hint: '1-127 letters, digits and hyphens, not ending in -ref or -metadata' },
      functionArn: { message: '"{{arn}}" is not a Lambda function ARN', hint: 'arn:aws:lambda:<region>:<account>:function:<name>' },
      resourceName: { message: '"{{value}}" is not a valid {{what}}', hint: '1-63 letters, digits and hyphens, starting and ending with a letter or digit' },
      outputName: { message: 'output name "{{name}}" must be 1-256 letters, digits, "_" or "-"', hint: 'later steps read it as Steps.S.OutputParameters[\'NAME\']' },
      queueUrl: { message: '"{{queue}}" is not an SQS queue URL', hint: 'write it as https://sqs.<region>.amazonaws.com/<account>/<queue>' },
      workerTemplate: { message: 'the worker UI template cannot be rendered: {{problem}}', hint: 'fix the handlebars syntax; Liquid for Ground Truth goes inside {{rawBlock}}' },
      propertyName: 'name "{{name}}" {{problem}}',
      enum: 'must be one of: {{values}}',
      expressionPattern: 'expected a literal value or a ${...} expression',
      pattern: 'is not in the expected form',
      schema: '{{message}}',
    },
  },
  SMP2005: {
    severity: 'error',
    title: 'Value out of range (number, length or item count), or a number JSON cannot hold exactly (NaN, infinity, integers past 2^53)',
    messages: {
      namePrefixLength: 'the prefix is {{length}} characters; with "-" and the {{idLength}}-character execution id the name must stay within {{limit}}',
      notANumber: { message: '{{written}} is not a number; SageMaker definitions hold only finite numbers', hint: 'quote it to keep it as text' },
      infinite: { message: '{{written}} is out of range: a number must be finite (at most about 1.8e308)', hint: 'quote it to keep it as text' },
      unsafeInteger: { message: '{{written}} is beyond {{largest}}, the largest integer a JSON number holds exactly (it would become {{becomes}})', hint: 'quote it to keep it as text' },
      schema: '{{message}}',
    },
  },
  SMP2006: { severity: 'error', title: 'Unknown step kind' },
  SMP2007: {
    severity: 'error',
    title: 'Invalid field combination (mutually exclusive or dependent fields)',
    messages: {
      kmsKeyLocalStorage: { message: '{{instanceType}} has local NVMe storage, encrypted by the instance; SageMaker rejects a KmsKeyId for it', hint: 'remove kmsKey, or pick an instance type without local storage' },
      codeOrEntrypoint: 'give either code + entry or entrypoint, not both',
      sourceOrFile: 'give either source or file, not both',
      codeWithEntry: 'code and entry go together: the folder to pack and the script in it to run',
      spotMaxWait: 'spot training needs spot.maxWait (seconds, at least maxRuntime)',
      maxWaitBelowRuntime: 'maxWait ({{maxWait}}) must be at least maxRuntime ({{maxRuntime}})',
      hyperparameterNeedsScriptMode: { message: 'hyperparameter {{name}}: a list, mapping or null is JSON-encoded for the training toolkit, which only script mode (code + entry) runs', hint: 'give code + entry, or write the text the container expects as a string' },
    },
  },

  SMP3001: {
    severity: 'error',
    title: 'Expression syntax error',
    messages: {
      condition: 'cannot read the condition: {{problem}}',
      root: '"{{ref}}" does not start with one of {{roots}}',
      stepReference: 'expected steps.<StepName>.<property>, got "steps.{{rest}}"',
      syntax: '{{problem}}',
    },
  },
  SMP3002: {
    severity: 'error',
    title: 'Unknown pipeline parameter',
    messages: {
      unknownParameter: 'unknown parameter "{{name}}"',
    },
  },
  SMP3003: {
    severity: 'error',
    title: 'Unknown var',
    messages: {
      unknownVar: 'unknown var "{{name}}"',
      undeclaredInFile: '"{{name}}" is not declared under vars: in the spec',
      undeclaredSet: '--set {{name}}: "{{name}}" is not declared under vars:',
    },
  },
  SMP3004: {
    severity: 'error',
    title: 'Var has no value (set it with --vars or --set)',
    messages: {
      unsetVar: { message: 'var "{{name}}" has no value', hint: 'pass it with --vars FILE (a YAML file of var values) or --set {{name}}=VALUE' },
      unsetRegion: { message: 'var "region" has no value: Deep Learning Container images need it', hint: 'pass it with --vars FILE (a YAML file of var values) or --set region=VALUE' },
    },
  },
  SMP3005: {
    severity: 'error',
    title: 'Unknown step',
    messages: {
      unknownStep: 'unknown step "{{step}}"',
    },
  },
  SMP3006: {
    severity: 'error',
    title: 'Unknown output of a step',
    messages: {
      reportOutput: 'report "{{report}}" names output "{{output}}", which this step does not declare',
      outputName: 'name the output: steps.{{step}}.outputs.<name>',
      noOutput: { message: 'step "{{step}}" has no output "{{name}}"', hint: 'outputs: {{outputs}}' },
      noOutputDeclared: { message: 'step "{{step}}" has no output "{{name}}"', hint: 'it declares no outputs' },
      noMetric: { message: 'step "{{step}}" defines no metric "{{name}}"', hint: 'metrics: {{metrics}}' },
      noOutputParameter: { message: 'step "{{step}}" declares no output parameter "{{name}}"', hint: 'its OutputParameters: {{outputs}}' },
    },
  },
  SMP3007: {
    severity: 'error',
    title: 'Unknown report (property file) of a step',
    messages: {
      noReport: { message: 'step "{{step}}" has no report "{{name}}"', hint: 'reports: {{reports}}' },
      noReportDeclared: { message: 'step "{{step}}" has no report "{{name}}"', hint: 'declare it under reports:' },
      noPropertyFile: { message: 'step "{{step}}" declares no property file "{{name}}"', hint: 'its PropertyFiles: {{files}}' },
    },
  },
  SMP3008: {
    severity: 'error',
    title: 'Property path not in the step\'s Describe* response',
    messages: {
      pathMissing: 'give a property path after "properties.", e.g. steps.{{step}}.properties.<Field>',
      notInShape: '{{shape}}: {{problem}}',
    },
  },
  SMP3009: {
    severity: 'error',
    title: 'Unknown execution variable',
    messages: {
      unknownExecutionVariable: 'unknown execution variable "{{name}}"',
    },
  },
  SMP3010: {
    severity: 'error',
    title: 'Expression type mismatch',
    messages: {
      compareNumbers: '{{operand}} is {{type}}; {{op}} compares numbers',
      cannotEqual: '{{left}} ({{leftType}}) cannot equal {{right}} ({{rightType}})',
      literalType: 'expected {{expected}}, got {{actual}} {{value}}',
      textType: 'expected {{expected}}, got text "{{text}}"',
      expressionType: '{{expression}} is {{actual}}, expected {{expected}}',
      joinedType: 'text with expressions is a {{actual}}, expected {{expected}}',
    },
  },
  SMP3011: {
    severity: 'error',
    title: 'Run-time expression where only compile-time values are allowed',
    messages: {
      stepsAtPipelineLevel: 'step properties are not available here',
      runtimeValue: { message: '{{expression}} is only known at run time; this field needs a value at compile time', hint: 'use ${vars.NAME} here' },
      hyperparameterJson: { message: 'a list or mapping hyperparameter is JSON-encoded at compile time, so it cannot hold a run-time value', hint: 'give the run-time value a hyperparameter of its own' },
    },
  },
  SMP3012: {
    severity: 'error',
    title: 'A step refers to itself',
    messages: {
      ownProperties: 'step "{{step}}" cannot refer to its own properties',
    },
  },
  SMP3013: {
    severity: 'error',
    title: 'Step exposes no such property for its kind',
    messages: {
      conditionOutcome: { message: 'a condition step exposes only "outcome"', hint: 'steps.{{step}}.outcome' },
      failProperties: { message: 'a fail step exposes no properties ("{{tail}}")', hint: 'nothing runs after a fail step' },
      unknownProperty: { message: 'a {{kind}} step exposes no "{{tail}}"', hint: 'use one of: {{known}}' },
    },
  },

  SMP4001: { severity: 'error', title: 'Reference cycle between steps' },
  SMP4002: { severity: 'error', title: 'Step listed in more than one condition branch' },
  SMP4003: { severity: 'error', title: 'Step inside a condition branch used from outside it in a way SageMaker rejects' },
  SMP4004: { severity: 'warning', title: 'Parameter is never used' },
  SMP4005: { severity: 'warning', title: 'Step is redundant in dependsOn (already implied by a reference)' },
  SMP4006: { severity: 'error', title: 'A condition lists itself or one of its ancestors in a branch' },
  SMP4007: {
    severity: 'warning',
    title: 'A cached step\'s cache key holds a value that changes in every execution (the step is never reused)',
    messages: {
      executionValue: '{{step}} is cached, but its cache key field {{fields}} {{verb}} {{expression}}, which changes in every execution: {{step}} is never reused from the cache',
    },
  },
  SMP4008: {
    severity: 'warning',
    title: 'A cached step\'s cache key reads a step that runs again in every execution (the step is never reused)',
    messages: {
      upstreamReruns: '{{step}} is cached, but its cache key field {{fields}} {{verb}} {{upstream}}, which runs again in every execution ({{why}}): {{step}} is never reused from the cache',
    },
  },

  SMP5001: { severity: 'error', title: 'Invalid step name' },
  SMP5002: { severity: 'error', title: 'Invalid or too long pipeline name' },
  SMP5003: { severity: 'error', title: 'Container argument longer than 256 characters' },
  SMP5004: { severity: 'warning', title: 'Definition larger than the 1 MiB inline limit (upsert goes through S3)' },
  SMP5005: { severity: 'error', title: 'Retry policies are not supported on this step kind' },
  SMP5006: { severity: 'error', title: 'Caching is not supported on this step kind' },
  SMP5007: { severity: 'error', title: 'Display name or description too long, or a pipeline display name with characters SageMaker rejects' },
  SMP5008: { severity: 'error', title: 'Invalid parameter definition (default or enum of the wrong type, default outside enum)' },

  SMP6001: {
    severity: 'error',
    title: 'Code folder not found',
    messages: {
      codeFolder: 'code must name a folder (relative to the spec file)',
      notAFolder: 'cannot pack {{folder}}: not a folder',
      folderNotFound: 'folder {{folder}} not found',
    },
  },
  SMP6002: {
    severity: 'error',
    title: 'Entry script not found in the code folder',
    messages: {
      entryPath: 'entry must be a path relative to {{folder}}, got {{script}}',
      entryMissing: '{{script}} is not in {{folder}}',
    },
  },
  SMP6003: {
    severity: 'error',
    title: 'Local input file or folder not found',
    messages: {
      fileNotFound: 'file {{path}} not found',
      allowOutsideMissing: '{{path}} does not exist',
    },
  },
  SMP6004: {
    severity: 'error',
    title: 'Unknown or missing AWS region for an image lookup',
    messages: {
      noRegion: { message: 'a Deep Learning Container image needs the AWS Region, and none is set', hint: 'set region in the vars file (or --set region=us-east-1), or give the image as a full URI' },
      regionWithoutDlc: { message: 'no Deep Learning Containers registry is known for Region {{region}}', hint: 'give the image as a full ECR URI (an image you copied into your own registry)' },
      unknownRegion: { message: 'unknown AWS Region "{{region}}"', hint: 'did you mean {{guess}}?' },
      unknownRegionListed: { message: 'unknown AWS Region "{{region}}"', hint: 'Regions with Deep Learning Containers: {{regions}}' },
    },
  },
  SMP6005: {
    severity: 'error',
    title: 'Unknown Deep Learning Container image or version',
    messages: {
      noVersion: { message: '{{image}} has no version "{{version}}"', hint: 'listed versions: {{versions}}' },
      noPython: { message: '{{image}} {{version}} has no {{python}} build', hint: 'Python builds: {{builds}}' },
      noGpuBuild: { message: '{{image}} {{version}} has no GPU build, only CPU', hint: 'set gpu: false' },
      noCpuBuild: { message: '{{image}} {{version}} has no CPU build, only GPU', hint: 'remove gpu: false (and use a GPU instance), or pick another image' },
      unknownImage: { message: 'unknown Deep Learning Container "{{dlc}}"', hint: 'known: {{known}}' },
      unknownImageGuess: { message: 'unknown Deep Learning Container "{{dlc}}"', hint: 'did you mean {{guess}}? known: {{known}}' },
    },
  },
  SMP6006: {
    severity: 'error',
    title: 'Invalid S3 URI',
    messages: {
      notS3Uri: { message: '"{{text}}" is not an S3 URI', hint: 'write it as s3://bucket/prefix' },
    },
  },
  SMP6007: {
    severity: 'error',
    title: 'Local path outside the project (the git work tree, else the spec\'s folder) and not listed in localFiles.allowOutside',
    messages: {
      outsideProject: { message: '{{path}} is outside the project ({{root}})', hint: 'list it under localFiles.allowOutside in the spec if the spec is meant to read it' },
      linkOutside: { message: 'cannot pack {{folder}}: "{{path}}" links to {{target}}, outside the project', hint: 'list that path under localFiles.allowOutside in the spec if it is meant to ship' },
    },
  },
  SMP6008: {
    severity: 'error',
    title: 'Code folder over the archive size limit (localFiles.maxArchiveMiB)',
    messages: {
      tooLarge: { message: '{{folder}} holds {{size}} of files, over the {{limit}} limit per code archive; largest: {{largest}}', hint: 'leave data and weights out (list them in {{ignoreFile}}, gitignore syntax) and read them from S3; or raise localFiles.maxArchiveMiB' },
    },
  },
  SMP6010: {
    severity: 'error',
    title: 'Secret in a file packed into a code archive (.env, credentials, a token in source)',
    messages: {
      secretInCode: { message: '{{file}}:{{line}} holds {{what}}, which would be uploaded in {{archive}}', hint: 'remove it (pass secrets at run time, e.g. from AWS Secrets Manager), or leave the file out with {{ignoreFile}} (gitignore syntax)' },
    },
  },
  SMP6011: {
    severity: 'error',
    title: 'Code folder cannot be packed (broken or looping link, unreadable file, path too long for tar, changed while packing)',
    messages: {
      brokenLink: 'cannot pack {{folder}}: "{{path}}" is a broken symbolic link or unreadable',
      linkCycle: 'cannot pack {{folder}}: "{{path}}" links back to a folder that contains it (symlink cycle)',
      pathTooLong: 'path too long for a ustar archive: "{{path}}" (the file name must fit 100 bytes and the folders before it 155); shorten the path or leave it out of the code folder',
      fileTooLarge: 'file too large for a ustar archive (over 8 GiB): {{path}}',
      fileChanged: { message: 'cannot pack {{folder}}: "{{path}}" changed while it was being packed', hint: 'compile again once nothing writes to the folder' },
      filesChanged: { message: 'cannot pack {{folder}}: its files changed while it was being packed', hint: 'compile again once nothing writes to the folder' },
      unreadable: 'cannot pack {{folder}}: {{problem}}',
    },
  },

  SMP7001: { severity: 'error', title: 'AWS access key id in the spec, a vars file or a --set value' },
  SMP7002: { severity: 'error', title: 'AWS secret access key in the spec, a vars file or a --set value' },
  SMP7003: { severity: 'error', title: 'Hugging Face token in the spec, a vars file or a --set value' },
  SMP7004: { severity: 'error', title: 'Private key in the spec, a vars file or a --set value' },
  SMP7005: { severity: 'error', title: 'Literal value for a secret-named environment variable or argument' },

  SMP8001: {
    severity: 'error',
    title: 'Field not in the SageMaker API request shape',
    messages: {
      rejectedArgument: { message: '{{key}} is not accepted in a {{stepType}} step', hint: '{{why}}' },
    },
  },
  SMP8002: { severity: 'error', title: 'Required SageMaker API field missing' },
  SMP8003: { severity: 'error', title: 'Value not in the SageMaker API enum (for example an instance type)' },
  SMP8004: { severity: 'error', title: 'Number or length outside the SageMaker API range' },
  SMP8005: { severity: 'error', title: 'Value has the wrong type for the SageMaker API field' },
  SMP8006: { severity: 'error', title: 'Compiled definition violates the pipeline definition schema' },
  SMP8007: {
    severity: 'error',
    title: 'Not a pipeline definition smpipe can read (smpipe check, smpipe import): not JSON, no Steps list, another Version',
    messages: {
      json: 'not JSON: {{message}}',
      shape: 'not a pipeline definition: {{what}}',
      version: { message: 'definition Version {{version}}: smpipe reads "2020-12-01" definitions', hint: 'every SageMaker pipeline definition so far has "Version": "2020-12-01"' },
    },
  },
  SMP8008: {
    severity: 'error',
    title: 'Two steps of a definition have the same name',
    messages: {
      duplicateStep: { message: 'step name "{{name}}" is used by another step too', hint: 'SageMaker requires step names unique across the definition, condition branches included' },
    },
  },
  SMP8009: {
    severity: 'warning',
    title: 'smpipe import: the imported spec does not compile to exactly the definition (something no spec field expresses)',
    messages: {
      notExact: '{{step}}: the imported spec compiles {{path}} differently ({{why}})',
      experiment: { message: 'PipelineExperimentConfig {{config}} is not kept: a spec records executions under the pipeline name and execution id, or not at all', hint: 'the imported spec says experiment: {{value}}' },
      notCompiled: { message: 'the imported spec has errors, so its round trip could not be checked', hint: 'the errors follow, at their lines in the imported spec' },
    },
  },
  SMP8010: {
    severity: 'error',
    title: 'smpipe import: output file refused (it exists and smpipe did not write it)',
    messages: {
      exists: { message: '{{path}} exists and does not start with the line smpipe import writes', hint: 'choose another --out, or remove the file yourself' },
    },
  },

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
