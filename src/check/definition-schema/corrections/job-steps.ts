import type { SchemaCorrection } from '../correction.js';
import { at, def, ref } from '../json.js';

/**
 * Corrections for the job step types beyond processing and training (transform, tuning, the
 * check steps, EMR, AutoML), found by compiling every form smpipe emits for them
 * (test/golden/ok) and checked against the SDK's source and the API service model.
 */
export const JOB_STEP_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'tuning-strategies',
    kind: 'service',
    why:
      'HyperParameterTuningJobConfig.Strategy also takes Hyperband and Grid (the API enum ' +
      'HyperParameterTuningJobStrategyType; the SDK\'s HyperparameterTuner accepts both); the ' +
      'vendored schema lists Bayesian and Random only.',
    apply(schema) {
      const config = at(def(schema, 'TuningStep'), 'properties', 'Arguments', 'properties', 'HyperParameterTuningJobConfig', 'properties');
      at(config, 'Strategy')['enum'] = ['Bayesian', 'Random', 'Hyperband', 'Grid'];
    },
  },
  {
    id: 'tuning-limits-parameters',
    kind: 'service',
    why:
      'MaxNumberOfTrainingJobs and MaxParallelTrainingJobs may be pipeline parameters (the SDK\'s ' +
      'HyperparameterTuner takes max_jobs and max_parallel_jobs as Union[int, PipelineVariable]); ' +
      'the vendored schema wants literal integers (with a minLength, which does not apply to them).',
    apply(schema) {
      const limits = at(def(schema, 'TuningStep'), 'properties', 'Arguments', 'properties', 'HyperParameterTuningJobConfig', 'properties', 'ResourceLimits', 'properties');
      limits['MaxNumberOfTrainingJobs'] = ref('IntegerArgumentValue');
      limits['MaxParallelTrainingJobs'] = ref('IntegerArgumentValue');
    },
  },
  {
    id: 'check-steps-fail-on-violation',
    kind: 'service',
    why:
      'QualityCheck and ClarifyCheck steps carry FailOnViolation beside SkipCheck (to_request in ' +
      'sagemaker/workflow/quality_check_step.py and clarify_check_step.py, SDK v2.257.6: "Whether ' +
      'to fail the step if violation detected"); the vendored schema forbids the key.',
    apply(schema) {
      for (const name of ['QualityCheckStep', 'ClarifyCheckStep']) at(def(schema, name), 'properties')['FailOnViolation'] = ref('BooleanArgumentValue');
    },
  },
  {
    id: 'emr-step-arguments',
    kind: 'service',
    why:
      'An EMR step\'s StepConfig has no Name (the service names the step: "The Name attribute in ' +
      'AddJobFlowSteps cannot be passed; it will be set during runtime"), and its Arguments take ' +
      'ClusterConfig instead of ClusterId for a new cluster, or ExecutionRoleArn with ClusterId ' +
      '(sagemaker/workflow/emr_step.py, EMRStep, SDK v2.257.6); the vendored schema requires Name ' +
      'and ClusterId and knows neither member.',
    apply(schema) {
      const args = at(def(schema, 'EMRStep'), 'properties', 'Arguments');
      args['required'] = ['StepConfig'];
      at(args, 'properties')['ClusterConfig'] = { type: 'object', description: 'RunJobFlow\'s request for a new cluster (without Name, Steps, AutoTerminationPolicy).' };
      at(args, 'properties')['ExecutionRoleArn'] = ref('StringArgumentValue');
      at(args, 'properties', 'StepConfig')['required'] = ['HadoopJarStep'];
    },
  },
  {
    id: 'emr-step-retry',
    kind: 'service',
    why:
      'EMRStep is a ConfigurableRetryStep taking retry_policies (sagemaker/workflow/emr_step.py, ' +
      'SDK v2.257.6); the vendored EMRStep has no RetryPolicies.',
    apply(schema) {
      at(def(schema, 'EMRStep'), 'properties')['RetryPolicies'] = { type: 'array', items: ref('RetryPolicy') };
    },
  },
];
