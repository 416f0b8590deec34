/**
 * Hand-kept shapes for the two pipeline step types that call EMR rather than SageMaker, added to
 * src/check/api-shapes/sagemaker-shapes.json by gen-api-shapes.ts (no EMR client is a dependency,
 * and these few members are stable). Names are prefixed `Emr` so they cannot collide with a
 * SageMaker shape.
 *
 * - EMR step (Type "EMR"): its Arguments are AddJobFlowSteps' StepConfig without Name (set by the
 *   service), plus ClusterId, or ClusterConfig (RunJobFlow's request), or ExecutionRoleArn
 *   (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/workflow/emr_step.py, EMRStep.__init__ and
 *   EMRStepConfig.to_request); its properties are EMR DescribeStep's `Step`
 *   (https://docs.aws.amazon.com/emr/latest/APIReference/API_Step.html; the SDK's
 *   `Properties(shape_name="Step", service_name="emr")`).
 * - EMR Serverless step (Type "EMRServerless"): Arguments {ExecutionRoleArn, JobConfig, ApplicationId
 *   | ApplicationConfig} (aws/sagemaker-python-sdk master, sagemaker-mlops/src/sagemaker/mlops/
 *   workflow/emr_serverless_step.py, EMRServerlessStep and EMRServerlessJobConfig.to_request); its
 *   properties are GetJobRun's response (`shape_name="GetJobRunResponse"`,
 *   https://docs.aws.amazon.com/emr-serverless/latest/APIReference/API_GetJobRun.html and API_JobRun.html).
 */
import type { Shape } from '../src/check/api-shapes/load.js';

export const EMR_ROOTS = ['EmrStepArguments', 'EmrStep', 'EmrServerlessStepArguments', 'EmrServerlessGetJobRunResponse'] as const;

export const EMR_SHAPES: Readonly<Record<string, Shape>> = {
  EmrStepArguments: { type: 'structure', members: { ClusterId: 'string', ClusterConfig: 'document', ExecutionRoleArn: 'string', StepConfig: 'EmrStepConfig' }, required: ['StepConfig'] },
  EmrStepConfig: { type: 'structure', members: { HadoopJarStep: 'EmrHadoopJarStepConfig' }, required: ['HadoopJarStep'] },
  EmrHadoopJarStepConfig: { type: 'structure', members: { Args: 'list<string>', Jar: 'string', MainClass: 'string', Properties: 'list<EmrKeyValue>' }, required: ['Jar'] },
  EmrKeyValue: { type: 'structure', members: { Key: 'string', Value: 'string' } },
  'list<EmrKeyValue>': { type: 'list', member: 'EmrKeyValue' },
  EmrStep: { type: 'structure', members: { ActionOnFailure: 'EmrActionOnFailure', ClusterId: 'string', Config: 'EmrHadoopStepConfig', ExecutionRoleArn: 'string', Id: 'string', Name: 'string', Status: 'EmrStepStatus' } },
  EmrActionOnFailure: { type: 'enum', values: ['CANCEL_AND_WAIT', 'CONTINUE', 'TERMINATE_CLUSTER', 'TERMINATE_JOB_FLOW'] },
  EmrHadoopStepConfig: { type: 'structure', members: { Args: 'list<string>', Jar: 'string', MainClass: 'string', Properties: 'map<string>' } },
  EmrStepStatus: { type: 'structure', members: { FailureDetails: 'EmrFailureDetails', State: 'EmrStepState', StateChangeReason: 'EmrStepStateChangeReason', Timeline: 'EmrStepTimeline' } },
  EmrStepState: { type: 'enum', values: ['CANCELLED', 'CANCEL_PENDING', 'COMPLETED', 'FAILED', 'INTERRUPTED', 'PENDING', 'RUNNING'] },
  EmrFailureDetails: { type: 'structure', members: { LogFile: 'string', Message: 'string', Reason: 'string' } },
  EmrStepStateChangeReason: { type: 'structure', members: { Code: 'string', Message: 'string' } },
  EmrStepTimeline: { type: 'structure', members: { CreationDateTime: 'timestamp', EndDateTime: 'timestamp', StartDateTime: 'timestamp' } },
  EmrServerlessStepArguments: { type: 'structure', members: { ApplicationConfig: 'document', ApplicationId: 'string', ExecutionRoleArn: 'string', JobConfig: 'EmrServerlessJobConfig' }, required: ['ExecutionRoleArn', 'JobConfig'] },
  EmrServerlessJobConfig: { type: 'structure', members: { applicationId: 'string', configurationOverrides: 'document', executionRoleArn: 'string', executionTimeoutMinutes: 'number', jobDriver: 'document', name: 'string', tags: 'map<string>' }, required: ['executionRoleArn', 'jobDriver'] },
  EmrServerlessGetJobRunResponse: { type: 'structure', members: { jobRun: 'EmrServerlessJobRun' } },
  EmrServerlessJobRun: {
    type: 'structure',
    members: {
      applicationId: 'string', arn: 'string', createdAt: 'timestamp', createdBy: 'string', endedAt: 'timestamp', executionRole: 'string',
      jobRunId: 'string', name: 'string', releaseLabel: 'string', startedAt: 'timestamp', state: 'EmrServerlessJobRunState', stateDetails: 'string',
      totalExecutionDurationSeconds: 'number', updatedAt: 'timestamp',
    },
  },
  EmrServerlessJobRunState: { type: 'enum', values: ['CANCELLED', 'CANCELLING', 'FAILED', 'PENDING', 'QUEUED', 'RUNNING', 'SCHEDULED', 'SUBMITTED', 'SUCCESS'] },
};
