import { isJsonObject, type JsonObject } from '../../expr/types.js';
import { describedPath, integerOrText, literal, objectAt, set, tagsOf } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

const BEST = 'BestCandidate.InferenceContainers[0].';

/** Properties the automl kind names (src/steps/automl.ts), by their Get path. */
const NAMED: Readonly<Record<string, string>> = {
  [`${BEST}Image`]: 'bestImage',
  [`${BEST}ModelDataUrl`]: 'bestModelData',
  'BestCandidate.CandidateName': 'bestCandidate',
  'BestCandidateProperties.ModelInsightsJsonReportPath': 'modelInsightsReport',
  'BestCandidateProperties.ExplainabilityJsonReportPath': 'explainabilityReport',
};

/**
 * An AutoML step (ENSEMBLING, the only form the SDK's AutoMLStep writes) as the automl kind: the
 * data (one channel, or a training and a validation channel), the target and the job's limits.
 */
export const automlImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const config = objectAt(args, 'AutoMLJobConfig');
    const channels = Array.isArray(args.InputDataConfig) ? args.InputDataConfig.filter(isJsonObject) : [];
    const first = channels[0] ?? {};
    const data = dataOf(channels, ctx);
    const target = ctx.text(first.TargetAttributeName);
    if (config.Mode !== 'ENSEMBLING' || data === undefined || target === undefined) return undefined;
    const out: SpecStep = { kind: 'automl', data, target };
    set(out, 'contentType', literal(first.ContentType));
    set(out, 'compression', literal(first.CompressionType));
    set(out, 'sampleWeight', ctx.text(first.SampleWeightAttributeName));
    set(out, 'problemType', literal(args.ProblemType));
    set(out, 'objective', ctx.text(objectAt(args, 'AutoMLJobObjective').MetricName));
    const criteria = objectAt(config, 'CompletionCriteria');
    set(out, 'maxCandidates', integerOrText(criteria.MaxCandidates, ctx));
    set(out, 'maxRuntimePerJob', integerOrText(criteria.MaxRuntimePerTrainingJobInSeconds, ctx));
    set(out, 'maxRuntime', integerOrText(criteria.MaxAutoMLJobRuntimeInSeconds, ctx));
    const fraction = objectAt(config, 'DataSplitConfig').ValidationFraction;
    set(out, 'validationFraction', typeof fraction === 'number' ? fraction : isJsonObject(fraction) ? ctx.text(fraction) : undefined);
    set(out, 'featureSpecification', ctx.text(objectAt(config, 'CandidateGenerationConfig').FeatureSpecificationS3Uri));
    set(out, 'output', ctx.text(objectAt(args, 'OutputDataConfig').S3OutputPath));
    set(out, 'role', ctx.text(args.RoleArn));
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest) {
    if (Object.hasOwn(NAMED, rest)) return NAMED[rest];
    const variable = new RegExp(`^${BEST.replace(/[.[\]]/g, '\\$&')}Environment\\['([A-Za-z_][A-Za-z0-9_]*)'\\]$`).exec(rest)?.[1];
    if (variable !== undefined) return `bestEnvironment.${variable}`;
    return describedPath('DescribeAutoMLJobResponse', rest);
  },
};

/** One channel as its source; a training and a validation channel as `{train, validation}`. */
function dataOf(channels: JsonObject[], ctx: ImportContext): string | SpecStep | undefined {
  const source = (channel: JsonObject | undefined) => (channel ? ctx.text(objectAt(objectAt(channel, 'DataSource'), 'S3DataSource').S3Uri) : undefined);
  if (channels.length === 1 && channels[0]?.ChannelType === undefined) return source(channels[0]);
  const train = channels.find((c) => c.ChannelType === 'training');
  const validation = channels.find((c) => c.ChannelType === 'validation');
  const [trainUri, validationUri] = [source(train), source(validation)];
  return channels.length === 2 && trainUri !== undefined && validationUri !== undefined ? { train: trainUri, validation: validationUri } : undefined;
}
