import type { Json } from '../expr/types.js';
import { STEP_EXCEPTIONS } from '../spec/retry-exceptions.js';
import { list, rawApiFields, scalar, stringMap, text } from '../spec/schema-helpers.js';
import { put } from './shared/job-settings.js';
import { describeProperty, splitTail, unknownProperty } from './shared/properties.js';
import { defineKind, kindFields, type PropertyRequest, type PropertyResult, type SpecOf, type StepContext } from './types.js';

const fields = kindFields({
  cluster: text('ID of a running EMR cluster (ClusterId), e.g. j-2AXXXXXXGAPLF or ${params.ClusterId}.'),
  clusterConfig: rawApiFields('A new cluster for this step: RunJobFlow\'s request without Name, Steps and AutoTerminationPolicy (ClusterConfig); Instances must hold InstanceGroups or InstanceFleets, without KeepJobFlowAliveWhenNoSteps and TerminationProtected.'),
  executionRole: text('Runtime role of the step on a running cluster (ExecutionRoleArn); only with cluster.'),
  jar: text('The JAR the step runs (HadoopJarStep.Jar): an S3 URI, a path on the cluster, or command-runner.jar.'),
  args: list('Arguments of the JAR\'s main function (HadoopJarStep.Args).', scalar(['string', 'number', 'boolean'], 'One argument; expressions allowed.')),
  mainClass: text('Main class, when the JAR\'s manifest names none (HadoopJarStep.MainClass).'),
  jarProperties: stringMap('Java properties set when the step runs (HadoopJarStep.Properties).', { type: 'string' }),
}, ['jar']);

type Spec = SpecOf<typeof fields>;

/** Members of ClusterConfig the SDK refuses (sagemaker/workflow/emr_step.py, _validate_cluster_config). */
const REFUSED_CLUSTER = ['Name', 'AutoTerminationPolicy', 'Steps'] as const;
const REFUSED_INSTANCES = ['KeepJobFlowAliveWhenNoSteps', 'TerminationProtected'] as const;

/**
 * An EMR step (Type "EMR") adds one Hadoop JAR step to a running cluster, or to a new cluster the
 * pipeline starts and ends for it (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/workflow/
 * emr_step.py: Arguments {ClusterId | ClusterConfig, StepConfig: {HadoopJarStep}, ExecutionRoleArn};
 * the step's Name is set by the service). Its properties are EMR DescribeStep's Step
 * (Properties(shape_name="Step", service_name="emr")). EMRStep takes retry policies of the
 * step-level types and a cache config.
 */
export const emr = defineKind({
  kind: 'emr',
  type: 'EMR',
  description: 'Runs a Hadoop JAR step (Spark with command-runner.jar, Hive, …) on an Amazon EMR cluster: a running one (cluster) or one started for the step (clusterConfig).',
  fields,
  retryExceptions: STEP_EXCEPTIONS,
  supportsCache: true,
  api: {
    request: 'EmrStepArguments',
    omit: [],
    describe: 'EmrStep',
    origins: {
      ClusterId: 'cluster',
      ClusterConfig: 'clusterConfig',
      ExecutionRoleArn: 'executionRole',
      'StepConfig.HadoopJarStep.Jar': 'jar',
      'StepConfig.HadoopJarStep.Args': 'args',
      'StepConfig.HadoopJarStep.MainClass': 'mainClass',
      'StepConfig.HadoopJarStep.Properties': 'jarProperties',
    },
  },
  resolveProperty,
  compile,
});

function resolveProperty(request: PropertyRequest<Spec>): PropertyResult {
  const [head, rest] = splitTail(request.tail);
  if (head === 'id' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.Id` };
  if (head === 'state' && !rest) return { ok: true, type: 'string', get: `Steps.${request.stepName}.Status.State` };
  if (head === 'properties') return describeProperty(request, 'EmrStep', rest);
  return unknownProperty(request, 'emr', ['id', 'state', 'properties.<EMR Step path>']);
}

function compile(ctx: StepContext<Spec>) {
  const jar: Record<string, Json> = { Jar: ctx.value(ctx.at('jar'), 'string') };
  const args = ctx.at('args').ifSet();
  if (args) jar.Args = args.items().map((arg) => ctx.value(arg, 'string'));
  put(jar, 'MainClass', ctx.value(ctx.at('mainClass'), 'string'));
  const properties = ctx.at('jarProperties').ifSet();
  if (properties) jar.Properties = properties.entries().map(([key, value]) => ({ Key: key, Value: ctx.value(value, 'string') }));
  const out: Record<string, Json> = { StepConfig: { HadoopJarStep: jar } };
  const cluster = ctx.at('cluster').ifSet();
  const config = ctx.at('clusterConfig').ifSet();
  if (cluster && config) ctx.report('SMP2012.clusterOrConfig', config, {}, { at: 'key' });
  else if (!cluster && !config) ctx.report('SMP2012.clusterNeeded', ctx.step, {}, { at: 'key' });
  if (cluster) out.ClusterId = ctx.value(cluster, 'string');
  const role = ctx.at('executionRole').ifSet();
  if (role && !cluster) ctx.report('SMP2012.roleNeedsCluster', role, {}, { at: 'key' });
  else put(out, 'ExecutionRoleArn', role ? ctx.value(role, 'string') : undefined);
  if (config) {
    for (const key of REFUSED_CLUSTER) if (config.raw[key] !== undefined) ctx.report('SMP2012.clusterMember', config.at(key), { key }, { at: 'key' });
    const instances = config.at('Instances');
    if (instances.raw === undefined) ctx.report('SMP2012.instancesNeeded', config, {}, { at: 'key' });
    const groups = instances.raw as Record<string, unknown> | undefined;
    for (const key of REFUSED_INSTANCES) if (groups?.[key] !== undefined) ctx.report('SMP2012.clusterMember', (instances as typeof config).at(key), { key }, { at: 'key' });
    if (groups && (groups.InstanceGroups === undefined) === (groups.InstanceFleets === undefined)) ctx.report('SMP2012.groupsOrFleets', instances, {}, { at: 'key' });
    out.ClusterConfig = ctx.value(config, 'json') ?? {};
  }
  return { arguments: out };
}
