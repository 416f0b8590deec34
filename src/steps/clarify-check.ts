import type { Json } from '../expr/types.js';
import type { Field } from '../spec/field.js';
import { RETRY_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { anyOf, integer, list, literalBoolean, number, object, oneOfText, rawApiFields, scalar, text } from '../spec/schema-helpers.js';
import { CHECK_API, baselineExtras, checkBaselineField, checkJobFields, checkJobRequest, checkProperty, type CheckProperty } from './shared/check-step.js';
import { didYouMean } from '../util/suggest.js';
import { put } from './shared/job-settings.js';
import { s3Input } from './shared/processing-io.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepServices } from './types.js';

/** SageMakerClarifyProcessor's container paths (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/clarify.py). */
const CONFIG_INPUT = '/opt/ml/processing/input/config';
const DATA_INPUT = '/opt/ml/processing/input/data';
const OUTPUT = '/opt/ml/processing/output';

const CHECKS = { 'data-bias': 'DATA_BIAS', 'model-bias': 'MODEL_BIAS', explainability: 'MODEL_EXPLAINABILITY' } as const;
type Check = keyof typeof CHECKS;

const value = scalar(['string', 'number', 'boolean'], 'A value, column name or index.');

const fields = kindFields({
  check: oneOfText('data-bias: pre-training bias of the dataset; model-bias: post-training bias of the model\'s predictions; explainability: SHAP feature attributions.', ['data-bias', 'model-bias', 'explainability']),
  dataset: text('The dataset: an S3 URI or expression (DataConfig.s3_data_input_path).'),
  output: text('S3 URI for the analysis results; default <artifacts>/checks/<step>/<hash of the check\'s configuration>.'),
  datasetType: oneOfText('MIME type of the dataset; default text/csv.', ['text/csv', 'application/jsonlines', 'application/json', 'application/x-parquet', 'application/x-image']),
  label: scalar(['string', 'integer'], 'The target column: name, index or JMESPath (label).'),
  headers: list('Column names of the dataset (headers).', text('A column name.')),
  features: text('JMESPath of the features in JSON Lines or JSON records (features).'),
  excludedColumns: list('Columns left out of the analysis (excluded_columns).', value),
  bias: object('The sensitive groups (the SDK\'s BiasConfig), for data-bias and model-bias.', {
    labelValues: list('Label values, or one threshold, that mean a positive outcome (label_values_or_threshold).', value, { minItems: 1 }),
    facets: list('The sensitive attributes (facet).', object('One sensitive attribute.', {
      name: scalar(['string', 'integer'], 'Column name or index of the attribute (name_or_index).'),
      values: list('Its values, or one threshold, of the sensitive group (value_or_threshold); default every value.', value),
    }, ['name']), { minItems: 1 }),
    group: scalar(['string', 'integer'], 'Column for conditional demographic disparity (group_variable).'),
  }, ['labelValues', 'facets']),
  methods: list('Metrics to compute (the SDK\'s methods); default all.', text('A metric name, e.g. CI, DPL, DPPL.'), { minItems: 1 }),
  model: object('The model Clarify deploys to a shadow endpoint (the SDK\'s ModelConfig), for model-bias and explainability.', {
    name: text('The SageMaker model, usually ${steps.CreateModel.name} (the step\'s ModelName).'),
    instanceType: text('Instance type of the shadow endpoint.'),
    instanceCount: integer('Instances of the shadow endpoint; default 1.', { min: 1 }),
    contentType: text('MIME type of the requests (content_type).'),
    accept: text('MIME type of the responses (accept_type).'),
    contentTemplate: text('Request template with $features or $record (content_template).'),
    recordTemplate: text('Record template for application/json requests (record_template).'),
    customAttributes: text('CustomAttributes header of each request (custom_attributes).'),
    endpointPrefix: text('Name prefix of the shadow endpoint (endpoint_name_prefix).'),
    targetModel: text('Target model of a multi-model endpoint (target_model).'),
  }, ['name', 'instanceType']),
  predicted: object('Where the prediction is in the model\'s response (the SDK\'s ModelPredictedLabelConfig).', {
    label: scalar(['string', 'integer'], 'Index or JMESPath of the predicted label (label).'),
    probability: scalar(['string', 'integer'], 'Index or JMESPath of the probability (probability).'),
    threshold: number('Probability threshold turning a score into a label (probability_threshold).'),
    labelHeaders: list('Names of the predicted scores (label_headers).', text('A label name.')),
  }),
  shap: object('SHAP settings for explainability (the SDK\'s SHAPConfig).', {
    baseline: anyOf('Baseline records (a list of rows) or the S3 URI of a baseline file.', [text('S3 URI of the baseline file.'), list('Baseline rows.', list('One row.', value))]),
    numSamples: integer('Samples per record (num_samples).', { min: 1 }),
    aggMethod: oneOfText('How local attributions aggregate (agg_method).', ['mean_abs', 'median', 'mean_sq']),
    useLogit: literalBoolean('Apply the logit to the predictions (use_logit); default false.'),
    saveLocalValues: literalBoolean('Save per-record SHAP values (save_local_shap_values); default true.'),
    seed: integer('Random seed (seed).', { min: 0 }),
    numClusters: integer('Clusters for the baseline instead of a baseline (num_clusters).', { min: 1 }),
    featuresToExplain: list('The features to explain (features_to_explain).', value),
  }),
  analysisConfig: rawApiFields('Raw Clarify analysis-config members merged last into the generated analysis_config.json: the escape hatch for any Clarify setting without sugar (compile-time values only).'),
  baseline: checkBaselineField,
  ...checkJobFields,
}, ['check', 'dataset']);

type Spec = SpecOf<typeof fields>;

const PROPERTIES: readonly CheckProperty[] = [
  { name: 'constraints', path: 'CalculatedBaselineConstraints' },
  { name: 'driftCheckConstraints', path: 'BaselineUsedForDriftCheckConstraints' },
];

/** Which sugar each check takes, beyond the data fields all three take. */
const APPLIES: Readonly<Record<'bias' | 'model' | 'predicted' | 'shap', readonly Check[]>> = {
  bias: ['data-bias', 'model-bias'],
  model: ['model-bias', 'explainability'],
  predicted: ['model-bias', 'explainability'],
  shap: ['explainability'],
};

/**
 * A ClarifyCheck step, as sagemaker.workflow.clarify_check_step.ClarifyCheckStep builds it
 * (aws/sagemaker-python-sdk v2.257.6): a SageMaker Clarify processing job reading an
 * analysis_config.json (DataConfig, BiasConfig, ModelConfig, ModelPredictedLabelConfig and
 * SHAPConfig of src/sagemaker/clarify.py, plus methods.report) at /opt/ml/processing/input/config
 * and the dataset at /opt/ml/processing/input/data, writing to /opt/ml/processing/output; the
 * model's name goes to the step's ModelName, not into the file (the service deploys it). Here the
 * config file is a content-addressed asset, so its values are compile-time values.
 */
export const clarifyCheck = defineKind({
  kind: 'clarify-check',
  type: 'ClarifyCheck',
  description: 'A SageMaker Clarify check (data bias, model bias or explainability) against a supplied or registered baseline. ${steps.S.constraints} (this run\'s baseline) and ${steps.S.driftCheckConstraints} (the one checked against) feed register-model\'s metrics and driftCheckBaselines.',
  fields,
  retryExceptions: RETRY_EXCEPTIONS,
  supportsCache: true,
  api: CHECK_API,
  resolveProperty: (request: PropertyRequest<Spec>): PropertyResult => checkProperty(request, 'clarify-check', PROPERTIES),
  compile,
});

function compile(ctx: StepContext<Spec>) {
  const check = ctx.spec.check;
  checkApplicable(ctx, check);
  checkColumns(ctx);
  checkMethods(ctx, check);
  const config = analysisConfig(ctx, check);
  const uri = ctx.addGenerated(Buffer.from(JSON.stringify(config)), { name: 'analysis_config.json' }) ?? '';
  const inputs = [s3Input('analysis_config', uri, CONFIG_INPUT), s3Input('dataset', ctx.value(ctx.at('dataset'), 's3uri'), DATA_INPUT)];
  // ProcessingOutputHandler.get_s3_upload_mode: images stream their results.
  const upload = ctx.spec.datasetType === 'application/x-image' ? 'Continuous' : 'EndOfJob';
  const args = checkJobRequest(ctx, ctx.step, { defaultImage: { framework: 'clarify' }, inputs, output: { name: 'analysis_result', localPath: OUTPUT, destination: ctx.at('output'), upload }, environment: {} });
  const extras = baselineExtras(ctx, CHECKS[check], ctx.at('baseline'));
  if (check !== 'data-bias') put(extras, 'ModelName', ctx.value(ctx.at('model').at('name'), 'string'));
  return { arguments: args, extras };
}

function checkApplicable(ctx: StepContext<Spec>, check: Check): void {
  for (const [field, checks] of Object.entries(APPLIES) as [keyof typeof APPLIES, readonly Check[]][]) {
    const given = ctx.spec[field] !== undefined;
    if (given && !checks.includes(check)) ctx.report('SMP2011.checkField', ctx.at(field), { field, check, checks: checks.join(', ') }, { at: 'key' });
  }
  const needs: [keyof typeof APPLIES, string][] = check === 'explainability' ? [['model', 'the model to explain'], ['shap', 'the SHAP settings (shap: {} takes the defaults)']] : check === 'model-bias' ? [['bias', 'the sensitive groups'], ['model', 'the model to check'], ['predicted', 'where the prediction is in the response']] : [['bias', 'the sensitive groups']];
  for (const [field, what] of needs) if (ctx.spec[field] === undefined) ctx.report('SMP2011.checkNeeds', ctx.step, { check, field, what }, { at: 'key' });
}

/** Datasets whose columns have names (label and facets of JSON data are JMESPath expressions instead). */
const NAMED_COLUMNS = new Set(['text/csv', 'application/x-parquet']);

/**
 * The analysis config is a compile-time file: a label, facet, group or excluded column that is
 * not one of the literal headers would only fail inside the Clarify job (SMP2013). Integers are
 * column indices and are not checked.
 */
function checkColumns(ctx: StepContext<Spec>): void {
  const headers = ctx.spec.headers;
  if (!headers?.every((h) => !h.includes('${')) || !NAMED_COLUMNS.has(ctx.spec.datasetType ?? 'text/csv')) return;
  const bias = ctx.at('bias');
  const columns: [string, Field<unknown>][] = [['label', ctx.at('label')], ['bias.group', bias.at('group')],
    ...bias.at('facets').items().map((facet): [string, Field<unknown>] => ['facet', facet.at('name')]),
    ...ctx.at('excludedColumns').items().map((column): [string, Field<unknown>] => ['excluded column', column])];
  for (const [field, at] of columns) {
    if (typeof at.raw !== 'string' || at.raw.includes('${') || headers.includes(at.raw)) continue;
    ctx.report('SMP2013.column', at, { field, column: at.raw, headers: headers.join(', '), near: nearHint(at.raw, headers) });
  }
}

/**
 * Metric names as the SDK documents them (aws/sagemaker-python-sdk src/sagemaker/clarify.py,
 * SageMakerClarifyProcessor.run_pre_training_bias and run_post_training_bias): the Clarify job
 * fails on any other. Explainability takes no methods list.
 */
const METHODS: Readonly<Record<'data-bias' | 'model-bias', readonly string[]>> = {
  'data-bias': ['CI', 'DPL', 'KL', 'JS', 'LP', 'TVD', 'KS', 'CDDL'],
  'model-bias': ['DPPL', 'DI', 'DCA', 'DCR', 'RD', 'DAR', 'DRR', 'AD', 'CDDPL', 'TE', 'FT'],
};

function checkMethods(ctx: StepContext<Spec>, check: Check): void {
  if (check === 'explainability') return;
  for (const item of ctx.at('methods').items()) {
    if (item.raw.includes('${') || item.raw === 'all' || METHODS[check].includes(item.raw)) continue;
    ctx.report('SMP2013.method', item, { method: item.raw, check, methods: METHODS[check].join(', '), near: nearHint(item.raw, METHODS[check]) });
  }
}

/** The hint's opening: `did you mean "X"? `, or nothing. */
function nearHint(name: string, known: readonly string[]): string {
  const hint = didYouMean(name, known);
  return hint ? `${hint} ` : '';
}

/** The analysis config, as ClarifyCheckStep._generate_processing_job_analysis_config writes it. */
function analysisConfig(ctx: StepContext<Spec>, check: Check): Record<string, Json> {
  const config: Record<string, Json> = { dataset_type: ctx.spec.datasetType ?? 'text/csv' };
  const set = (key: string, field: Field<unknown>) => put(config, key, literal(ctx, field));
  set('features', ctx.at('features'));
  set('headers', ctx.at('headers'));
  set('label', ctx.at('label'));
  set('excluded_columns', ctx.at('excludedColumns'));
  const methods: Json = ctx.spec.methods ? literal(ctx, ctx.at('methods')) ?? 'all' : 'all';
  if (check !== 'explainability') Object.assign(config, biasConfig(ctx));
  const byCheck: Record<string, Json> = {};
  config.methods = byCheck;
  if (check === 'data-bias') byCheck.pre_training_bias = { methods };
  else if (check === 'model-bias') {
    byCheck.post_training_bias = { methods };
    config.predictor = { ...predictedLabel(ctx), ...predictorConfig(ctx) };
    put(config, 'probability_threshold', literal(ctx, ctx.at('predicted').at('threshold')));
  } else {
    byCheck.shap = shapConfig(ctx);
    config.predictor = { ...predictorConfig(ctx), ...predictedLabel(ctx) };
    put(config, 'probability_threshold', literal(ctx, ctx.at('predicted').at('threshold')));
  }
  byCheck.report = { name: 'report', title: 'Analysis Report' };
  for (const [key, raw] of ctx.at('analysisConfig').entries()) put(config, key, literal(ctx, raw));
  return config;
}

/** BiasConfig.get_config: label_values_or_threshold, facet, group_variable. */
function biasConfig(ctx: StepContext<Spec>): Record<string, Json> {
  const bias = ctx.at('bias');
  if (bias.raw === undefined) return {};
  const facets = bias.at('facets').items().map((facet) => {
    const out: Record<string, Json> = { name_or_index: literal(ctx, facet.at('name')) ?? '' };
    put(out, 'value_or_threshold', literal(ctx, facet.at('values')));
    return out;
  });
  const out: Record<string, Json> = { label_values_or_threshold: literal(ctx, bias.at('labelValues')) ?? [], facet: facets };
  put(out, 'group_variable', literal(ctx, bias.at('group')));
  return out;
}

/** ModelConfig.get_predictor_config without model_name (the step's ModelName carries it). */
function predictorConfig(ctx: StepContext<Spec>): Record<string, Json> {
  const model = ctx.at('model');
  if (model.raw === undefined) return {};
  const out: Record<string, Json> = { instance_type: literal(ctx, model.at('instanceType')) ?? '', initial_instance_count: literal(ctx, model.at('instanceCount')) ?? 1 };
  const keys = { endpoint_name_prefix: 'endpointPrefix', accept_type: 'accept', content_type: 'contentType', content_template: 'contentTemplate', record_template: 'recordTemplate', custom_attributes: 'customAttributes', target_model: 'targetModel' } as const;
  for (const [key, field] of Object.entries(keys)) put(out, key, literal(ctx, model.at(field)));
  return out;
}

/** ModelPredictedLabelConfig.get_predictor_config: label, probability, label_headers. */
function predictedLabel(ctx: StepContext<Spec>): Record<string, Json> {
  const predicted = ctx.at('predicted');
  const out: Record<string, Json> = {};
  put(out, 'label', literal(ctx, predicted.at('label')));
  put(out, 'probability', literal(ctx, predicted.at('probability')));
  put(out, 'label_headers', literal(ctx, predicted.at('labelHeaders')));
  return out;
}

/** SHAPConfig: use_logit and save_local_shap_values always, the rest when set. */
function shapConfig(ctx: StepContext<Spec>): Json {
  const shap = ctx.at('shap');
  const out: Record<string, Json> = { use_logit: shap.raw?.useLogit ?? false, save_local_shap_values: shap.raw?.saveLocalValues ?? true };
  const keys = { baseline: 'baseline', num_samples: 'numSamples', agg_method: 'aggMethod', seed: 'seed', num_clusters: 'numClusters', features_to_explain: 'featuresToExplain' } as const;
  for (const [key, field] of Object.entries(keys)) put(out, key, literal(ctx, shap.at(field)));
  if (shap.raw?.baseline !== undefined && shap.raw.numClusters !== undefined) ctx.report('SMP2007.baselineOrClusters', shap.at('numClusters'));
  return out;
}

/** A value of the analysis config file: compile-time only, vars resolved, lists and maps walked. */
function literal(ctx: StepServices, field: Field<unknown>): Json | undefined {
  const raw = field.raw;
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) return (field as Field<readonly unknown[]>).items().map((item) => literal(ctx, item) ?? null);
  if (raw !== null && typeof raw === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, member] of (field as Field<Readonly<Record<string, unknown>>>).entries()) put(out, key, literal(ctx, member));
    return out;
  }
  return raw === null ? null : ctx.compileTime(field) ?? null;
}
