import type { CodeInfo } from './types.js';

/** SMP2xxx: the spec schema. */
export const SCHEMA = {
  SMP2001: {
    severity: 'error',
    title: 'Unknown property',
    messages: {
      envelopeMember: { message: 'a {{type}} step has no envelope member "{{name}}"', hint: 'a {{type}} step takes: {{allowed}}; Arguments go under arguments:, and DependsOn, DisplayName, Description, CacheConfig and RetryPolicies have fields of their own' },
      unknownProperty: 'unknown property "{{name}}"',
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
      expressionPattern: 'expected {{literal}} or a ${...} expression',
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
  SMP2006: {
    severity: 'error',
    title: 'Unknown step kind',
    messages: {
      unknownKind: { message: 'unknown step kind "{{kind}}"', hint: 'kinds: {{kinds}}' },
      unknownKindNear: { message: 'unknown step kind "{{kind}}"', hint: 'did you mean "{{near}}"?' },
    },
  },
  SMP2007: {
    severity: 'error',
    title: 'Invalid field combination (mutually exclusive or dependent fields)',
    messages: {
      hyperparameterNeedsScriptMode: { message: 'hyperparameter {{name}}: a list, mapping or null is JSON-encoded for the training toolkit, which only script mode (code + entry) runs', hint: 'give code + entry, or write the text the container expects as a string' },
      kmsKeyLocalStorage: { message: '{{instanceType}} has local NVMe storage, encrypted by the instance; SageMaker rejects a KmsKeyId for it', hint: 'remove kmsKey, or pick an instance type without local storage' },
      codeOrEntrypoint: 'give either code + entry or entrypoint, not both',
      sourceOrFile: 'give either source or file, not both',
      codeWithEntry: 'code and entry go together: the folder to pack and the script in it to run',
      spotMaxWait: 'spot training needs spot.maxWait (seconds, at least maxRuntime)',
      maxWaitBelowRuntime: 'maxWait ({{maxWait}}) must be at least maxRuntime ({{maxRuntime}})',
      baselineOrClusters: { message: 'give either shap.baseline or shap.numClusters, not both', hint: 'numClusters computes a baseline from the dataset (the SDK\'s SHAPConfig refuses both)' },
    },
  },
  SMP2010: {
    severity: 'error',
    title: 'Invalid hyperparameter tuning setup (a range or its bounds, a hyperparameter both fixed and tuned)',
    messages: {
      integerRange: 'an integer range needs whole numbers, not {{value}}',
      minAboveMax: { message: 'min {{min}} is above max {{max}}', hint: 'CreateHyperParameterTuningJob refuses a range whose MinValue is above its MaxValue' },
      logarithmic: { message: 'Logarithmic scaling needs a range above 0; min is {{min}}', hint: 'raise min above 0, or use scaling: Linear' },
      reverseLogarithmic: { message: 'ReverseLogarithmic scaling needs a range within 0 <= x < 1; this one is {{min}} to {{max}}', hint: 'use scaling: Linear or Logarithmic for this range' },
      reverseLogarithmicInteger: { message: 'ReverseLogarithmic scaling is for continuous ranges only', hint: 'use scaling: Linear, Logarithmic or Auto for an integer range' },
      fixedAndTuned: { message: 'hyperparameter "{{name}}" is both fixed (training.hyperparameters) and tuned (ranges)', hint: 'remove it from training.hyperparameters: a tuned hyperparameter is set by each training job' },
    },
  },
  SMP2011: {
    severity: 'error',
    title: 'Field that does not apply to this check type, or one the check type needs',
    messages: {
      dataQualityOnly: { message: '{{field}} applies to data-quality checks only', hint: 'remove it, or set check: data-quality' },
      modelQualityOnly: { message: '{{field}} applies to model-quality checks only', hint: 'remove it, or set check: model-quality' },
      problemType: { message: 'a model-quality check needs problemType', hint: 'add problemType: Regression, BinaryClassification or MulticlassClassification' },
      checkField: { message: '{{field}} does not apply to {{check}} checks', hint: 'it applies to: {{checks}}' },
      checkNeeds: { message: 'a {{check}} check needs {{field}}', hint: '{{what}}' },
    },
  },
  SMP2012: {
    severity: 'error',
    title: 'Invalid EMR, EMR Serverless, AutoML or notebook step setup (a cluster or application, what a new one may hold)',
    messages: {
      clusterOrConfig: { message: 'give either cluster (a running cluster) or clusterConfig (a new one), not both', hint: 'the SDK\'s EMRStep refuses both' },
      clusterNeeded: { message: 'an emr step needs cluster (a running cluster\'s id) or clusterConfig (a new cluster)', hint: 'add cluster: j-… or clusterConfig: {Instances: …}' },
      roleNeedsCluster: { message: 'executionRole applies to a running cluster (cluster) only', hint: 'a new cluster takes its roles in clusterConfig (JobFlowRole, ServiceRole)' },
      clusterMember: { message: 'clusterConfig may not hold {{key}}', hint: 'the pipeline sets it for the cluster it starts (sagemaker.workflow.emr_step)' },
      instancesNeeded: { message: 'clusterConfig needs Instances', hint: 'add Instances with InstanceGroups or InstanceFleets' },
      groupsOrFleets: { message: 'clusterConfig.Instances needs exactly one of InstanceGroups and InstanceFleets', hint: 'give one of them' },
      applicationOrConfig: { message: 'give either application (an existing application) or applicationConfig (a new one), not both', hint: 'the SDK\'s EMRServerlessStep refuses both' },
      applicationNeeded: { message: 'an emr-serverless step needs application (an application id) or applicationConfig (a new application)', hint: 'add application: 00f… or applicationConfig: {…}' },
      jobDriverNeeded: { message: 'an emr-serverless step needs spark (spark-submit settings) or jobDriver (raw JobDriver)', hint: 'add spark: {entryPoint: s3://…/job.py}' },
      sparkOrDriver: 'give either spark or jobDriver, not both',
      initScriptLocal: { message: 'initScript must sit in the notebook\'s input folder, and a local notebook is uploaded alone', hint: 'put the notebook and the script in one S3 folder and give notebook: s3://…/notebook.ipynb' },
      notebookRegion: { message: 'a notebook step needs the AWS Region (AWS_DEFAULT_REGION of the job), and none is set', hint: 'set region in the vars file (or --set region=us-east-1)' },
    },
  },
  SMP2013: {
    severity: 'error',
    title: 'clarify-check: a column the dataset\'s headers do not have, or a metric the check does not compute',
    messages: {
      column: { message: '{{field}} "{{column}}" is not one of the headers', hint: '{{near}}headers: {{headers}}' },
      method: { message: '"{{method}}" is not a {{check}} metric', hint: '{{near}}{{check}} computes: {{methods}} (or all)' },
    },
  },
} as const satisfies Record<string, CodeInfo>;
