import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { literalBoolean, oneOfText, text } from '../spec/schema-helpers.js';
import { CHECK_API, baselineExtras, checkJobFields, checkJobRequest, checkProperty, qualityBaselineField, type CheckProperty } from './shared/check-step.js';
import { s3Input } from './shared/processing-io.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

/** Container paths and names of sagemaker/workflow/quality_check_step.py (v2.257.6). */
const BASE = '/opt/ml/processing';
const DATASET_INPUT = 'baseline_dataset_input';
const PREPROCESSOR_INPUT = 'record_preprocessor_script_input';
const POSTPROCESSOR_INPUT = 'post_analytics_processor_script_input';
const OUTPUT_NAME = 'quality_check_output';

const CHECKS = { 'data-quality': 'DATA_QUALITY', 'model-quality': 'MODEL_QUALITY' } as const;

const scriptSchema = text('A Python script the analyzer loads: a local file (relative to this spec, uploaded content-addressed) or an S3 URI.');

const fields = kindFields({
  check: oneOfText('data-quality: statistics and constraints of a dataset (DefaultModelMonitor); model-quality: metrics of predictions against ground truth (ModelQualityMonitor).', ['data-quality', 'model-quality']),
  dataset: text('The dataset to baseline: an S3 URI or expression, e.g. ${steps.Prepare.outputs.baseline} (for model-quality: predictions with their ground truth).'),
  format: oneOfText('Dataset format (the SDK\'s DatasetFormat): csv (default), json or sagemaker-capture-json.', ['csv', 'json', 'sagemaker-capture-json']),
  header: literalBoolean('csv: the first line holds the column names; default true.'),
  outputColumns: oneOfText('csv: whether the output columns come first or last (output_columns_position); default START.', ['START', 'END']),
  lines: literalBoolean('json: one JSON object a line; default true.'),
  output: text('S3 URI for statistics.json and constraints.json; default <artifacts>/checks/<step>/<hash of the check\'s configuration>, the same while the check is.'),
  preprocessor: scriptSchema,
  postprocessor: scriptSchema,
  problemType: oneOfText('model-quality: the kind of model (problem_type).', ['Regression', 'BinaryClassification', 'MulticlassClassification']),
  inferenceAttribute: text('model-quality: index or JSONPath of the predicted label (inference_attribute).'),
  probabilityAttribute: text('model-quality: index or JSONPath of the probability (probability_attribute).'),
  groundTruthAttribute: text('model-quality: index or JSONPath of the actual label (ground_truth_attribute).'),
  probabilityThreshold: text('model-quality: threshold turning a probability into a label (probability_threshold_attribute).'),
  baseline: qualityBaselineField,
  ...checkJobFields,
}, ['check', 'dataset']);

type Spec = SpecOf<typeof fields>;

const PROPERTIES: readonly CheckProperty[] = [
  { name: 'constraints', path: 'CalculatedBaselineConstraints' },
  { name: 'statistics', path: 'CalculatedBaselineStatistics' },
  { name: 'driftCheckConstraints', path: 'BaselineUsedForDriftCheckConstraints' },
  { name: 'driftCheckStatistics', path: 'BaselineUsedForDriftCheckStatistics' },
];

/**
 * A QualityCheck step: a Model Monitor baselining job (a processing job of the analyzer image)
 * and the baseline settings beside it, as sagemaker.workflow.quality_check_step.QualityCheckStep
 * builds them (aws/sagemaker-python-sdk v2.257.6): inputs baseline_dataset_input and the
 * optional scripts under /opt/ml/processing/input/<name>, the output quality_check_output from
 * /opt/ml/processing/output, and the analyzer's variables from ModelMonitor._generate_env_map
 * (src/sagemaker/model_monitor/model_monitoring.py; DatasetFormat in dataset_format.py).
 * Its results feed register-model's metrics and drift-check baselines.
 */
export const qualityCheck = defineKind({
  kind: 'quality-check',
  type: 'QualityCheck',
  description: 'A SageMaker Model Monitor baseline check (data quality or model quality) against a supplied or registered baseline. ${steps.S.statistics} and ${steps.S.constraints} (this run\'s baseline) and ${steps.S.driftCheckStatistics} / ${steps.S.driftCheckConstraints} (the one checked against) feed register-model\'s metrics and driftCheckBaselines.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: CHECK_API,
  resolveProperty: (request: PropertyRequest<Spec>): PropertyResult => checkProperty(request, 'quality-check', PROPERTIES),
  compile,
});

function compile(ctx: StepContext<Spec>) {
  const dataQuality = ctx.spec.check === 'data-quality';
  const inputs: Json[] = [s3Input(DATASET_INPUT, ctx.value(ctx.at('dataset'), 's3uri'), `${BASE}/input/${DATASET_INPUT}`)];
  const post = scriptInput(ctx, ctx.at('postprocessor'), POSTPROCESSOR_INPUT);
  const pre = dataQuality ? scriptInput(ctx, ctx.at('preprocessor'), PREPROCESSOR_INPUT) : undefined;
  if (!dataQuality && ctx.spec.preprocessor !== undefined) ctx.report('SMP2011.dataQualityOnly', ctx.at('preprocessor'), { field: 'preprocessor' }, { at: 'key' });
  for (const script of [post, pre]) if (script) inputs.push(script.input);
  const environment = analyzerEnvironment(ctx, dataQuality, pre?.path, post?.path);
  const args = checkJobRequest(ctx, ctx.step, { defaultImage: { framework: 'model-monitor' }, inputs, output: { name: OUTPUT_NAME, localPath: `${BASE}/output`, destination: ctx.at('output') }, environment });
  return { arguments: args, extras: baselineExtras(ctx, CHECKS[ctx.spec.check], ctx.at('baseline')) };
}

/** A script input (uploaded when local) and the path the analyzer is told, <destination>/<file name>. */
function scriptInput(ctx: StepServices, field: Field<string | undefined>, name: string): { input: Json; path: string } | undefined {
  const written = field.ifSet();
  if (!written) return undefined;
  const source = ctx.compileTime(written);
  if (typeof source !== 'string' || source === '') return undefined;
  const uri = source.startsWith('s3://') ? source : ctx.addLocalInput(written, source);
  const destination = `${BASE}/input/${name}`;
  return { input: s3Input(name, uri ?? '', destination), path: `${destination}/${source.split('/').pop() ?? ''}` };
}

/** ModelMonitor._generate_env_map's variables, in its order. */
function analyzerEnvironment(ctx: StepContext<Spec>, dataQuality: boolean, pre: string | undefined, post: string | undefined): Record<string, Json> {
  const env: Record<string, Json> = {
    output_path: `${BASE}/output`,
    publish_cloudwatch_metrics: 'Disabled',
    dataset_format: JSON.stringify(datasetFormat(ctx)),
  };
  if (pre) env.record_preprocessor_script = pre;
  if (post) env.post_analytics_processor_script = post;
  env.dataset_source = `${BASE}/input/${DATASET_INPUT}`;
  if (dataQuality) {
    for (const field of ['problemType', 'inferenceAttribute', 'probabilityAttribute', 'groundTruthAttribute', 'probabilityThreshold'] as const) {
      if (ctx.spec[field] !== undefined) ctx.report('SMP2011.modelQualityOnly', ctx.at(field), { field }, { at: 'key' });
    }
    return env;
  }
  env.analysis_type = 'MODEL_QUALITY';
  const problemType = ctx.at('problemType');
  if (problemType.raw === undefined) ctx.report('SMP2011.problemType', ctx.step, {}, { at: 'key' });
  else env.problem_type = problemType.raw;
  const attributes = { inference_attribute: 'inferenceAttribute', probability_attribute: 'probabilityAttribute', ground_truth_attribute: 'groundTruthAttribute', probability_threshold_attribute: 'probabilityThreshold' } as const;
  for (const [name, field] of Object.entries(attributes)) {
    const value = ctx.value(ctx.at(field), 'string');
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** DatasetFormat.csv / json / sagemaker_capture_json. */
function datasetFormat(ctx: StepContext<Spec>): Json {
  const format = ctx.spec.format ?? 'csv';
  if (format === 'json') return { json: { lines: ctx.spec.lines ?? true } };
  if (format === 'sagemaker-capture-json') return { sagemakerCaptureJson: {} };
  return { csv: { header: ctx.spec.header ?? true, output_columns_position: ctx.spec.outputColumns ?? 'START' } };
}
