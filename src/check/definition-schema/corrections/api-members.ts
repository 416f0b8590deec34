/**
 * Request members the SageMaker API accepts (from the @aws-sdk/client-sagemaker 3.1142.0
 * models) that the vendored schema's closed objects (additionalProperties: false) lack.
 * Keyed by the object's path in the vendored schema; `*` stands for "items" of an array.
 * Job names (TrainingJobName, ...) and ClientToken are absent on purpose: the pipeline
 * service sets them per execution and the SDK strips them from Arguments.
 */
export const MISSING_API_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  'TrainingStep/Arguments': [
    'Environment', 'ProfilerConfig', 'ProfilerRuleConfigurations', 'RetryStrategy',
    'ExperimentConfig', 'RemoteDebugConfig', 'InfraCheckConfig', 'SessionChainingConfig',
    'ServerlessJobConfig', 'MlflowConfig', 'ModelPackageConfig',
  ],
  'TrainingStep/Arguments/AlgorithmSpecification': [
    'ContainerEntrypoint', 'ContainerArguments', 'TrainingImageConfig',
  ],
  'TrainingStep/Arguments/OutputDataConfig': ['CompressionType'],
  'TrainingStep/Arguments/ResourceConfig': [
    'KeepAlivePeriodInSeconds', 'InstanceGroups', 'TrainingPlanArn', 'InstancePlacementConfig',
    'InstancePreferences',
  ],
  'TrainingStep/Arguments/StoppingCondition': ['MaxPendingTimeInSeconds'],
  'TrainingStep/Arguments/InputDataConfig/*/DataSource': ['DatasetSource'],
  'TrainingStep/Arguments/InputDataConfig/*/DataSource/S3DataSource': [
    'InstanceGroupNames', 'ModelAccessConfig', 'HubAccessConfig',
  ],
  '#ProcessingArgs': ['ExperimentConfig'],
  '#ProcessingArgs/ProcessingInputs/*': ['AppManaged', 'DatasetDefinition'],
  '#ProcessingArgs/ProcessingOutputConfig/Outputs/*': ['AppManaged', 'FeatureStoreOutput'],
  '#ContainerDefinition': ['ModelDataSource', 'AdditionalModelDataSources', 'ContainerMetricsConfig'],
  'RegisterModelStep/Arguments': [
    'ModelPackageRegistrationType', 'ValidationSpecification', 'SourceAlgorithmSpecification',
    'Tags', 'ModelApprovalStatus', 'MetadataProperties', 'Domain', 'Task', 'SamplePayloadUrl',
    'CustomerMetadataProperties', 'DriftCheckBaselines', 'AdditionalInferenceSpecifications',
    'SkipModelValidation', 'SourceUri', 'SecurityConfig', 'ModelCard', 'ModelLifeCycle',
    'ManagedStorageType',
  ],
  'RegisterModelStep/Arguments/InferenceSpecification/Containers/*': [
    'ModelDataSource', 'Environment', 'ModelInput', 'Framework', 'FrameworkVersion',
    'NearestModelName', 'AdditionalModelDataSources', 'ModelDataETag', 'IsCheckpoint', 'BaseModel',
  ],
  'EndpointConfigStep/Arguments': ['DataCaptureConfig', 'ExplainerConfig', 'MetricsConfig'],
  '#ProductionVariants/*': [
    'InstancePools', 'VariantInstanceProvisionTimeoutInSeconds', 'CapacityReservationConfig',
  ],
  'EndpointStep/Arguments': ['DeploymentConfig'],
  'RegisterModelStep/Arguments/ModelMetrics/Bias': ['PreTrainingReport', 'PostTrainingReport'],
  'TuningStep/Arguments': ['Autotune'],
  'TuningStep/Arguments/HyperParameterTuningJobConfig': ['RandomSeed', 'StrategyConfig'],
  'TuningStep/Arguments/HyperParameterTuningJobConfig/ResourceLimits': ['MaxRuntimeInSeconds'],
  '#ParameterRanges': ['AutoParameters'],
  '#HyperParameterTrainingJobDefinition': ['Environment', 'HyperParameterTuningResourceConfig'],
  'TransformStep/Arguments': ['DataCaptureConfig', 'ExperimentConfig'],
};
