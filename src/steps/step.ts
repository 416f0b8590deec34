/**
 * The raw step: any step Type of the pipeline definition, written as the definition has it
 * (`type:`, `arguments:`, the envelope members beside Arguments), so no SageMaker step type is
 * out of reach while smpipe has no kind for it, and an imported step that no kind expresses
 * exactly still round-trips. Expressions work as everywhere (`${params.X}` → Get, text → Std:Join).
 *
 * The Types and what each accepts (RetryPolicies, CacheConfig, the envelope members) are AWS's
 * definition schema as smpipe corrects it (schema/pipeline-definition.schema.json); the table
 * below is kept equal to it by test/steps/step.test.ts, and the whole step is validated against
 * the schema with the rest of the definition. Arguments are checked against the Create* request
 * shape, and property paths against the Describe* response shape, where the API model smpipe
 * ships has them (src/check/api-shapes/sagemaker-shapes.json); elsewhere only the schema checks.
 */
import { problem } from '../diagnostics/messages.js';
import { isJsonObject, type Json } from '../expr/types.js';
import { RETRY_EXCEPTIONS, STEP_EXCEPTIONS, type RetryException } from '../spec/retry-exceptions.js';
import { oneOfText, rawApiFields } from '../spec/schema-helpers.js';
import { rootShape } from '../check/api-shapes/load.js';
import { resolvePropertyPath } from '../check/api-shapes/property-path.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type ApiShape, type DefinitionStepType, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext, type StepKind } from './types.js';

interface RawType {
  readonly retry: readonly RetryException[];
  readonly cache: boolean;
  /** Envelope members beside Name, Type, Arguments and the common ones. */
  readonly envelope: readonly string[];
  /** Describe* response shape the step's properties follow (sagemaker.workflow's shape_name). */
  readonly describe?: string;
  /** A second response the properties span: TuningStep's TrainingJobSummaries (sagemaker/workflow/steps.py, TuningStep.properties). */
  readonly describeAlso?: string;
  /** Paths the SDK's step adds beside the Describe* response: taken as written. */
  readonly extraPaths?: readonly string[];
  /**
   * Create* request shape of Arguments, the members the pipeline fills in itself, and those of
   * them a step may still give (then checked as written).
   */
  readonly request?: { readonly name: string; readonly omit: readonly string[]; readonly mayGive?: readonly string[] };
}

const JOB = RETRY_EXCEPTIONS;
const CHECK_ENVELOPE = ['CheckType', 'ModelPackageGroupName', 'SuppliedBaselineConstraints', 'SkipCheck', 'RegisterNewBaseline', 'FailOnViolation'];

/** Every step Type but Condition (whose branches are the condition kind's), with what it accepts. */
export const RAW_STEP_TYPES = {
  Processing: { retry: JOB, cache: true, envelope: ['PropertyFiles'], describe: 'DescribeProcessingJobResponse', request: { name: 'CreateProcessingJobRequest', omit: ['ProcessingJobName'] } },
  // NotebookJobStep names its training job itself (sagemaker/workflow/notebook_job_step.py writes TrainingJobName).
  Training: { retry: JOB, cache: true, envelope: [], describe: 'DescribeTrainingJobResponse', request: { name: 'CreateTrainingJobRequest', omit: ['TrainingJobName'], mayGive: ['TrainingJobName'] } },
  Transform: { retry: JOB, cache: true, envelope: [], describe: 'DescribeTransformJobResponse', request: { name: 'CreateTransformJobRequest', omit: ['TransformJobName'] } },
  Tuning: { retry: JOB, cache: true, envelope: [], describe: 'DescribeHyperParameterTuningJobResponse', describeAlso: 'ListTrainingJobsForHyperParameterTuningJobResponse', request: { name: 'CreateHyperParameterTuningJobRequest', omit: ['HyperParameterTuningJobName'] } },
  // AutoMLStep's properties add the best candidate's report paths (sagemaker/workflow/automl_step.py, as the automl kind).
  AutoML: { retry: JOB, cache: true, envelope: [], describe: 'DescribeAutoMLJobResponse', extraPaths: ['BestCandidateProperties.ModelInsightsJsonReportPath', 'BestCandidateProperties.ExplainabilityJsonReportPath'], request: { name: 'CreateAutoMLJobRequest', omit: ['AutoMLJobName'] } },
  Model: { retry: STEP_EXCEPTIONS, cache: false, envelope: [], describe: 'DescribeModelOutput', request: { name: 'CreateModelInput', omit: ['ModelName'] } },
  RegisterModel: { retry: STEP_EXCEPTIONS, cache: false, envelope: [], describe: 'DescribeModelPackageOutput', request: { name: 'CreateModelPackageInput', omit: [] } },
  EndpointConfig: { retry: STEP_EXCEPTIONS, cache: true, envelope: [], describe: 'DescribeEndpointConfigOutput', request: { name: 'CreateEndpointConfigInput', omit: [] } },
  Endpoint: { retry: [], cache: true, envelope: [], describe: 'DescribeEndpointOutput', request: { name: 'CreateEndpointInput', omit: [] } },
  Lambda: { retry: [], cache: true, envelope: ['FunctionArn', 'OutputParameters'] },
  Callback: { retry: [], cache: true, envelope: ['SqsQueueUrl', 'OutputParameters'] },
  ClarifyCheck: { retry: JOB, cache: true, envelope: [...CHECK_ENVELOPE, 'ModelName'] },
  QualityCheck: { retry: JOB, cache: true, envelope: [...CHECK_ENVELOPE, 'SuppliedBaselineStatistics'] },
  EMR: { retry: STEP_EXCEPTIONS, cache: true, envelope: [], describe: 'EmrStep', request: { name: 'EmrStepArguments', omit: [] } },
  EMRServerless: { retry: STEP_EXCEPTIONS, cache: true, envelope: [], describe: 'EmrServerlessGetJobRunResponse', request: { name: 'EmrServerlessStepArguments', omit: [] } },
  Fail: { retry: [], cache: false, envelope: [] },
} as const satisfies Partial<Record<DefinitionStepType, RawType>>;

export type RawStepType = keyof typeof RAW_STEP_TYPES;
const TYPE_NAMES = Object.keys(RAW_STEP_TYPES) as RawStepType[];

const fields = kindFields({
  type: oneOfText(`The step's Type in the definition: ${TYPE_NAMES.join(', ')} (a condition is the condition kind).`, TYPE_NAMES),
  envelope: rawApiFields('Members of the step beside Arguments that its Type takes, as the definition names them (PropertyFiles; FunctionArn, SqsQueueUrl, OutputParameters; CheckType, ModelPackageGroupName, …); strings may hold ${...} expressions.'),
}, ['type']);

type Spec = SpecOf<typeof fields>;

export const step = defineKind({
  kind: 'step',
  // The registry's placeholder; each step's own Type comes from forStep.
  type: 'Fail',
  description: 'A raw step of any definition Type (Transform, Tuning, EMR, ClarifyCheck, …): type: and arguments: as the definition has them, envelope: for the members beside Arguments. Other steps read its properties by path: ${steps.S.properties.<path>}.',
  fields,
  retryExceptions: [],
  supportsCache: false,
  forStep,
  resolveProperty,
  compile,
});

/** The kind as one step of Type `spec.type` has it: what that Type accepts, and its API shapes. */
function forStep(spec: Spec): StepKind {
  const info: RawType = RAW_STEP_TYPES[spec.type];
  // forStep sees the whole validated step: its arguments: too, beside the kind's own fields.
  const api = apiShape(info, (spec as { arguments?: unknown }).arguments);
  return { ...step, type: spec.type, retryExceptions: info.retry, supportsCache: info.cache, ...(api ? { api } : {}) };
}

function apiShape(info: RawType, args: unknown): ApiShape | undefined {
  if (!info.request || !info.describe || !rootShape(info.request.name)) return undefined;
  return { request: info.request.name, omit: requestOmit(info.request, args), describe: info.describe, origins: {} };
}

/** The members the pipeline fills in, less those this step gives itself where its Type allows that. */
export function requestOmit(request: NonNullable<RawType['request']>, args: unknown): readonly string[] {
  const given = (member: string) => isJsonObject(args as Json) && (args as Record<string, unknown>)[member] !== undefined;
  return request.omit.filter((member) => !(request.mayGive?.includes(member) && given(member)));
}

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'properties') return pathProperty(request, rest);
  if (head === 'reports') return reportProperty(request, rest);
  return unknownProperty(request, `step (${request.spec.type})`, ['properties.<path>', 'reports.<property file>[.<json path>]']);
}

/**
 * The Describe* shape a property path of a step of this Type follows, where smpipe has one: the
 * first that has the path, else the first (whose message then says what is wrong); none for a
 * path the SDK's step adds beside its shapes.
 */
export function describeShapeOf(type: string, path: string): string | undefined {
  const row: RawType | undefined = Object.hasOwn(RAW_STEP_TYPES, type) ? RAW_STEP_TYPES[type as RawStepType] : undefined;
  if (row?.extraPaths?.includes(path)) return undefined;
  const shapes = [row?.describe, row?.describeAlso].filter((s): s is string => s !== undefined && rootShape(s) !== undefined);
  return shapes.find((s) => resolvePropertyPath(s, path).ok) ?? shapes[0];
}

/** `properties.A.B['k']`: checked against the Describe* shape where smpipe has it, else taken as written. */
function pathProperty(request: PropertyRequest<Spec>, path: string): PropertyResult {
  const describe = describeShapeOf(request.spec.type, path);
  if (describe) return describeProperty(request, describe, path);
  if (!path) return { ok: false, problem: problem('SMP3008.pathMissing', { step: request.stepName }) };
  return { ok: true, type: 'json', get: `Steps.${request.stepName}.${path}` };
}

/** A property file the envelope declares: its URI, or a JSON value read from it (Std:JsonGet). */
function reportProperty(request: PropertyRequest<Spec>, rest: string): PropertyResult {
  const [name, path] = splitTail(rest);
  const files = propertyFiles(request.spec.envelope);
  const file = files.find((f) => f.PropertyFileName === name);
  const step = request.stepName;
  if (!file) {
    const names = files.map((f) => f.PropertyFileName);
    return { ok: false, problem: names.length ? problem('SMP3007.noReport', { step, name, reports: names.join(', ') }) : problem('SMP3007.noReportDeclared', { step, name }) };
  }
  if (path) return { ok: true, type: 'json', jsonGet: { propertyFile: `Steps.${step}.PropertyFiles.${name}`, path } };
  return { ok: true, type: 's3uri', join: [{ Get: `Steps.${step}.ProcessingOutputConfig.Outputs['${file.OutputName}'].S3Output.S3Uri` }, file.FilePath] };
}

function propertyFiles(envelope: Spec['envelope']): { PropertyFileName: string; OutputName: string; FilePath: string }[] {
  const list = envelope?.PropertyFiles;
  if (!Array.isArray(list)) return [];
  return list.filter((f): f is { PropertyFileName: string; OutputName: string; FilePath: string } =>
    isJsonObject(f as Json) && typeof f.PropertyFileName === 'string' && typeof f.OutputName === 'string' && typeof f.FilePath === 'string');
}

/** Arguments come from `arguments:` (merged by the compiler core); the envelope members are checked against the Type. */
function compile(ctx: StepContext<Spec>) {
  const allowed: readonly string[] = RAW_STEP_TYPES[ctx.spec.type].envelope;
  const extras: Record<string, Json> = {};
  for (const [name, value] of ctx.at('envelope').entries()) {
    if (!allowed.includes(name)) {
      ctx.report('SMP2001.envelopeMember', value, { name, type: ctx.spec.type, allowed: allowed.join(', ') || '(none)' }, { at: 'key' });
      continue;
    }
    const lowered = ctx.value(value, 'json');
    if (lowered !== undefined) extras[name] = lowered;
  }
  return { arguments: {}, extras };
}
