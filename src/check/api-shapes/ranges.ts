/**
 * Numeric ranges, length limits and item counts of SageMaker API members. The SDK's TypeScript
 * models carry none of these (nor integer-vs-float), so this small table is written by hand,
 * keyed by `Structure.Member` as in the API reference (https://docs.aws.amazon.com/sagemaker/
 * latest/APIReference/API_<Structure>.html).
 *
 * Sources, per entry: [ref] read on that API reference page; [model] the SageMaker service model
 * the API reference is generated from (botocore 1.43.107, sagemaker 2017-07-24 service-2.json),
 * read because the reference pages list the members alphabetically and some were out of reach.
 * Every entry below was checked against one of those; nothing here is from memory.
 *
 * Not checked (left to the server): string patterns (names, ARNs, ChannelName, Key patterns),
 * minimum lengths of 0, members reachable only from shapes smpipe does not compile (Clarify,
 * async inference, deployment guardrails, capacity reservations, instance pools).
 */
export interface Limit {
  /** API reference "Type: Integer": a JSON number without a fraction. */
  integer?: true;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** Entries of a list or map. */
  minItems?: number;
  maxItems?: number;
  /** Limits on each list item, map key or map value. */
  items?: Limit;
  keys?: Limit;
  values?: Limit;
}

const int = (min?: number, max?: number): Limit => ({ integer: true, ...(min !== undefined && { min }), ...(max !== undefined && { max }) });
const chars = (maxLength: number, minLength?: number): Limit => ({ maxLength, ...(minLength && { minLength }) });
const TAGS: Limit = { maxItems: 50 }; // TagList [model]; Tag.Key/Value below
const S3_URI = chars(1024); // S3Uri [model]

export const LIMITS: Readonly<Record<string, Limit>> = {
  // ── CreateProcessingJob ──
  'ProcessingClusterConfig.InstanceCount': int(1, 100), // [ref] API_ProcessingClusterConfig
  'ProcessingClusterConfig.VolumeSizeInGB': int(1, 16384), // [model] ProcessingVolumeSizeInGB
  'ProcessingStoppingCondition.MaxRuntimeInSeconds': int(1, 777600), // [ref] API_ProcessingStoppingCondition
  'AppSpecification.ImageUri': chars(255), // [ref] API_AppSpecification
  'AppSpecification.ContainerArguments': { minItems: 1, maxItems: 100, items: chars(256) }, // [ref] API_AppSpecification
  'AppSpecification.ContainerEntrypoint': { minItems: 1, maxItems: 100, items: chars(256) }, // [ref] API_AppSpecification
  'CreateProcessingJobRequest.Environment': { maxItems: 100, keys: chars(256), values: chars(256) }, // [model] ProcessingEnvironmentMap
  'CreateProcessingJobRequest.ProcessingInputs': { maxItems: 10 }, // [model] ProcessingInputs
  'ProcessingOutputConfig.Outputs': { maxItems: 10 }, // [model] ProcessingOutputs
  'ProcessingS3Input.S3Uri': S3_URI,
  'ProcessingS3Input.LocalPath': chars(256), // [model] ProcessingLocalPath
  'ProcessingS3Output.S3Uri': S3_URI,
  'ProcessingS3Output.LocalPath': chars(256), // [model] ProcessingLocalPath
  'CreateProcessingJobRequest.Tags': TAGS,

  // ── CreateTrainingJob ──
  'ResourceConfig.InstanceCount': int(0), // [ref] API_ResourceConfig: minimum 0 (heterogeneous clusters use InstanceGroups)
  'ResourceConfig.VolumeSizeInGB': int(0), // [model] OptionalVolumeSizeInGB
  'ResourceConfig.KeepAlivePeriodInSeconds': int(0, 21600), // [model]; [ref] API_ResourceConfigForUpdate (localized copy says 21600)
  'StoppingCondition.MaxRuntimeInSeconds': int(1), // [ref] API_StoppingCondition
  'StoppingCondition.MaxWaitTimeInSeconds': int(1), // [model] MaxWaitTimeInSeconds
  'StoppingCondition.MaxPendingTimeInSeconds': int(1800, 2419200), // [model] MaxPendingTimeInSeconds
  'CreateTrainingJobRequest.HyperParameters': { maxItems: 100, keys: chars(256), values: chars(2500) }, // [model] HyperParameters
  'CreateTrainingJobRequest.Environment': { maxItems: 100, keys: chars(512), values: chars(512) }, // [model] TrainingEnvironmentMap
  'CreateTrainingJobRequest.InputDataConfig': { minItems: 1, maxItems: 20 }, // [model] InputDataConfig
  'CreateTrainingJobRequest.Tags': TAGS,
  'AlgorithmSpecification.TrainingImage': chars(255), // [model] AlgorithmImage
  'AlgorithmSpecification.MetricDefinitions': { maxItems: 40 }, // [model] MetricDefinitionList
  'AlgorithmSpecification.ContainerArguments': { minItems: 1, maxItems: 100, items: chars(256) }, // [model] TrainingContainerArguments
  'AlgorithmSpecification.ContainerEntrypoint': { minItems: 1, maxItems: 100, items: chars(256) }, // [model] TrainingContainerEntrypoint
  'MetricDefinition.Name': chars(255, 1), // [model] MetricName
  'MetricDefinition.Regex': chars(500, 1), // [model] MetricRegex
  'Channel.ChannelName': chars(64, 1), // [model] ChannelName
  'S3DataSource.S3Uri': S3_URI,
  'OutputDataConfig.S3OutputPath': S3_URI,
  'CheckpointConfig.S3Uri': S3_URI,
  'CheckpointConfig.LocalPath': chars(4096), // [model] DirectoryPath
  'RetryStrategy.MaximumRetryAttempts': int(1, 30), // [model] MaximumRetryAttempts

  // ── CreateTransformJob ──
  'TransformResources.InstanceCount': int(1), // [model] TransformInstanceCount
  'CreateTransformJobRequest.MaxConcurrentTransforms': int(0), // [model]
  'CreateTransformJobRequest.MaxPayloadInMB': int(0), // [model]
  'CreateTransformJobRequest.Environment': { maxItems: 16, keys: chars(1024), values: chars(10240) }, // [model] TransformEnvironmentMap
  'CreateTransformJobRequest.Tags': TAGS,
  'ModelClientConfig.InvocationsTimeoutInSeconds': int(1, 3600), // [model]
  'ModelClientConfig.InvocationsMaxRetries': int(0, 3), // [model]

  // ── CreateHyperParameterTuningJob ──
  'ResourceLimits.MaxNumberOfTrainingJobs': int(1), // [model] MaxNumberOfTrainingJobs
  'ResourceLimits.MaxParallelTrainingJobs': int(1), // [model] MaxParallelTrainingJobs
  'ResourceLimits.MaxRuntimeInSeconds': int(120, 15768000), // [model] HyperParameterTuningMaxRuntimeInSeconds
  'HyperParameterTuningJobConfig.RandomSeed': int(0), // [model] RandomSeed
  'ParameterRanges.IntegerParameterRanges': { maxItems: 30 }, // [model] IntegerParameterRanges
  'ParameterRanges.ContinuousParameterRanges': { maxItems: 30 }, // [model] ContinuousParameterRanges
  'ParameterRanges.CategoricalParameterRanges': { maxItems: 30 }, // [model] CategoricalParameterRanges
  'CategoricalParameterRange.Values': { minItems: 1, maxItems: 30 }, // [model] ParameterValues
  'HyperParameterTrainingJobDefinition.DefinitionName': chars(64, 1), // [model] HyperParameterTrainingJobDefinitionName
  'HyperParameterTrainingJobDefinition.StaticHyperParameters': { maxItems: 100, keys: chars(256), values: chars(2500) }, // [model] HyperParameters
  'HyperParameterTrainingJobDefinition.InputDataConfig': { minItems: 1, maxItems: 20 }, // [model] InputDataConfig
  'HyperParameterTrainingJobDefinition.Environment': { maxItems: 48, keys: chars(512), values: chars(512) }, // [model] HyperParameterTrainingJobEnvironmentMap
  'HyperParameterTuningJobWarmStartConfig.ParentHyperParameterTuningJobs': { minItems: 1, maxItems: 5 }, // [model] ParentHyperParameterTuningJobs
  'ParentHyperParameterTuningJob.HyperParameterTuningJobName': chars(32, 1), // [model] HyperParameterTuningJobName
  'CreateHyperParameterTuningJobRequest.TrainingJobDefinitions': { minItems: 1, maxItems: 10 }, // [model] HyperParameterTrainingJobDefinitions
  'CreateHyperParameterTuningJobRequest.Tags': TAGS,

  // ── CreateAutoMLJob ──
  'AutoMLJobCompletionCriteria.MaxCandidates': int(1, 750), // [model] MaxCandidates
  'AutoMLJobCompletionCriteria.MaxRuntimePerTrainingJobInSeconds': int(1), // [model]
  'AutoMLJobCompletionCriteria.MaxAutoMLJobRuntimeInSeconds': int(1), // [model]
  'AutoMLDataSplitConfig.ValidationFraction': { min: 0, max: 1 }, // [model] ValidationFraction, Type: Float
  'CreateAutoMLJobRequest.InputDataConfig': { minItems: 1, maxItems: 2 }, // [model] AutoMLInputDataConfig
  'CreateAutoMLJobRequest.Tags': TAGS,

  // ── CreateModel / CreateModelPackage ──
  'ContainerDefinition.Image': chars(255), // [model] ContainerImage
  'ContainerDefinition.ModelDataUrl': chars(1024), // [model] Url
  'ContainerDefinition.Environment': { maxItems: 100, keys: chars(1024), values: chars(1024) }, // [model] EnvironmentMap
  'S3ModelDataSource.S3Uri': chars(1024), // [model] S3ModelUri
  'CreateModelInput.Containers': { maxItems: 15 }, // [model] ContainerDefinitionList
  'CreateModelInput.Tags': TAGS,
  'CreateModelPackageInput.ModelPackageGroupName': chars(170, 1), // [model] ArnOrName
  'CreateModelPackageInput.ModelPackageDescription': chars(1024), // [model] EntityDescription
  'CreateModelPackageInput.CustomerMetadataProperties': { minItems: 1, maxItems: 50, keys: chars(128, 1), values: chars(256, 1) }, // [model]
  'CreateModelPackageInput.Tags': TAGS,
  'InferenceSpecification.Containers': { minItems: 1, maxItems: 15 }, // [model] ModelPackageContainerDefinitionList
  'ModelPackageContainerDefinition.Image': chars(255), // [model] ContainerImage
  'ModelPackageContainerDefinition.ModelDataUrl': chars(1024), // [model] Url
  'ModelPackageContainerDefinition.Environment': { maxItems: 100, keys: chars(1024), values: chars(1024) }, // [model] EnvironmentMap
  'MetricsSource.S3Uri': S3_URI,

  // ── CreateEndpointConfig / CreateEndpoint ──
  'CreateEndpointConfigInput.ProductionVariants': { minItems: 1, maxItems: 10 }, // [model] ProductionVariantList
  'CreateEndpointConfigInput.Tags': TAGS,
  'ProductionVariant.InitialInstanceCount': int(1), // [model] InitialTaskCount
  'ProductionVariant.InitialVariantWeight': { min: 0 }, // [model] VariantWeight, Type: Float
  'ProductionVariant.VolumeSizeInGB': int(1, 512), // [model] ProductionVariantVolumeSizeInGB
  'ProductionVariant.ModelDataDownloadTimeoutInSeconds': int(60, 3600), // [model]; same range [ref] API_InferenceComponentStartupParameters
  'ProductionVariant.ContainerStartupHealthCheckTimeoutInSeconds': int(60, 3600), // [model]; same range [ref] API_InferenceComponentStartupParameters
  'ProductionVariantServerlessConfig.MemorySizeInMB': int(1024, 6144), // [model]
  'ProductionVariantServerlessConfig.MaxConcurrency': int(1, 200), // [model]
  'ProductionVariantServerlessConfig.ProvisionedConcurrency': int(1, 200), // [model]
  'DataCaptureConfig.InitialSamplingPercentage': int(0, 100), // [model] SamplingPercentage
  'CreateEndpointInput.Tags': TAGS,

  // ── CreateLabelingJob ──
  'HumanTaskConfig.NumberOfHumanWorkersPerDataObject': int(1, 9), // [model]
  'HumanTaskConfig.TaskTimeLimitInSeconds': int(30), // [model]
  'HumanTaskConfig.TaskAvailabilityLifetimeInSeconds': int(60), // [model]
  'HumanTaskConfig.MaxConcurrentTaskCount': int(1, 5000), // [model]
  'HumanTaskConfig.TaskTitle': chars(128, 1), // [model]
  'HumanTaskConfig.TaskDescription': chars(255, 1), // [model]
  'HumanTaskConfig.TaskKeywords': { minItems: 1, maxItems: 5, items: chars(30, 1) }, // [model]
  'CreateLabelingJobRequest.LabelAttributeName': chars(127, 1), // [model]
  'LabelingJobStoppingConditions.MaxHumanLabeledObjectCount': int(1), // [model]
  'LabelingJobStoppingConditions.MaxPercentageOfInputDatasetLabeled': int(1, 100), // [model]
  'CreateLabelingJobRequest.Tags': TAGS,

  // ── shared ──
  'Tag.Key': chars(128, 1), // [model] TagKey
  'Tag.Value': chars(256), // [model] TagValue
  'VpcConfig.SecurityGroupIds': { minItems: 1, maxItems: 5, items: chars(32) }, // [model] VpcSecurityGroupIds
  'VpcConfig.Subnets': { minItems: 1, maxItems: 16, items: chars(32) }, // [model] Subnets
};

/** The limit of `structure.member`, if the table has one. */
export function limitOf(structure: string, member: string): Limit | undefined {
  return LIMITS[`${structure}.${member}`];
}
