import { HEAD } from './specs.js';
import type { Explanations } from './types.js';

const REGION = 'vars: { region: us-east-1 }\n';
const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1';

/** A tuning step with the training definition `training` (extra lines) and `rest` after the ranges. */
const tuning = (training: string, ranges: string, rest = '    objective: { metric: "val:loss", type: Minimize }\n') =>
  `${HEAD}steps:\n  Tune:\n    kind: tuning\n    training:\n      image: ${IMAGE}\n      instance: { type: ml.m5.xlarge }\n${training}    ranges:\n${ranges}${rest}`;
const LR = '      lr: { type: continuous, min: 0.001, max: 0.1 }\n';

const withImage = (image: string, kind = 'training') =>
  `${HEAD}${REGION}steps:\n  Job:\n    kind: ${kind}\n    image: ${image}\n${kind === 'model' ? '' : '    instance: { type: ml.m5.xlarge }\n'}`;

/** SMP2010-SMP2013, SMP3020-SMP3021, SMP6016-SMP6018: the batch, check and external kinds, first-party images. */
export const KINDS = {
  SMP2010: {
    explain: 'A tuning step\'s setup cannot work: a hyperparameter both fixed (training.hyperparameters) and tuned (ranges), or an integer range with a fraction.',
    example: tuning('      hyperparameters: { lr: 0.01 }\n', LR),
    fix: tuning('      hyperparameters: { epochs: 3 }\n', LR),
  },
  SMP2011: {
    explain: 'A check step has a field its check type ignores (a preprocessor on a model-quality check, shap on a bias check), or lacks one it needs (model-quality needs problemType; model-bias needs bias, model and predicted).',
    example: `${HEAD}${REGION}steps:\n  Quality:\n    kind: quality-check\n    check: model-quality\n    dataset: s3://my-bucket/predictions\n`,
    fix: `${HEAD}${REGION}steps:\n  Quality:\n    kind: quality-check\n    check: model-quality\n    dataset: s3://my-bucket/predictions\n    problemType: BinaryClassification\n`,
  },
  SMP2012: {
    explain: 'An EMR, EMR Serverless, AutoML or notebook step cannot be built as given: an EMR step needs exactly one of cluster and clusterConfig (and a new cluster may not hold what the pipeline sets), an EMR Serverless step one of application and applicationConfig and a job driver, a notebook\'s init script must sit beside it in S3.',
    example: `${HEAD}steps:\n  Spark:\n    kind: emr\n    jar: command-runner.jar\n`,
    fix: `${HEAD}steps:\n  Spark:\n    kind: emr\n    cluster: j-2AXXXXXXGAPLF\n    jar: command-runner.jar\n`,
  },
  SMP2013: {
    explain: 'A clarify-check step\'s analysis config names a column its literal headers do not have (label, a facet, bias.group, an excluded column), or a metric its check does not compute (data-bias: CI, DPL, KL, JS, LP, TVD, KS, CDDL; model-bias: DPPL, DI, DCA, DCR, RD, DAR, DRR, AD, CDDPL, TE, FT). The config is a file written at compile time, so the Clarify job would fail on it after it started.',
    example: `${HEAD}${REGION}steps:\n  Bias:\n    kind: clarify-check\n    check: data-bias\n    dataset: s3://my-bucket/data.csv\n    headers: [age, income, churn]\n    label: chrun\n    bias: { labelValues: [1], facets: [{ name: age }] }\n    methods: [CI, DPL]\n`,
    fix: `${HEAD}${REGION}steps:\n  Bias:\n    kind: clarify-check\n    check: data-bias\n    dataset: s3://my-bucket/data.csv\n    headers: [age, income, churn]\n    label: churn\n    bias: { labelValues: [1], facets: [{ name: age }] }\n    methods: [CI, DPL]\n`,
  },
  SMP3020: {
    explain: 'steps.T.models.K names the K-th best training job of a tuning step; the step keeps its 50 best, so K runs from 0 (the best, also steps.T.bestModel) to 49.',
    example: `${tuning('', LR)}  Stop:\n    kind: fail\n    message: "see \${steps.Tune.models.50}"\n`,
    fix: `${tuning('', LR)}  Stop:\n    kind: fail\n    message: "see \${steps.Tune.models.49}"\n`,
  },
  SMP3021: {
    explain: 'The tuning objective names a metric the training definition\'s metrics (its MetricDefinitions) do not define, so no training job would ever report it. Built-in algorithms define their own metrics: leave training.metrics out for them.',
    example: tuning('      metrics: { "val:acc": "acc=([0-9.]+)" }\n', LR),
    fix: tuning('      metrics: { "val:loss": "loss=([0-9.]+)" }\n', LR),
  },
  SMP6016: {
    explain: 'image: {framework: …} names a framework smpipe\'s copy of the SageMaker Python SDK\'s image tables does not hold. The hint lists the frameworks.',
    example: withImage('{ framework: xgbost, version: 1.7-1 }'),
    fix: withImage('{ framework: xgboost, version: 1.7-1 }'),
  },
  SMP6017: {
    explain: 'The SDK\'s image table for the framework lists no such version, no image for this use (training, processing, inference), no such Python build or CPU/GPU build, or lists several where the spec must choose. Nothing is picked for you: the hint lists what is there.',
    example: withImage('{ framework: xgboost, version: 1.7-11 }'),
    fix: withImage('{ framework: xgboost, version: 1.7-1 }'),
  },
  SMP6018: {
    explain: 'The framework image is not published in vars.region (its table lists no registry account there).',
    example: withImage('{ framework: clarify }', 'processing').replace('region: us-east-1', 'region: us-east-7').replace('    instance:', '    entrypoint: [python3]\n    instance:'),
    fix: withImage('{ framework: clarify }', 'processing').replace('    instance:', '    entrypoint: [python3]\n    instance:'),
  },
} satisfies Explanations;
