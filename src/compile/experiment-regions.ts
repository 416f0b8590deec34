/**
 * Where SageMaker Experiments exists. A definition with PipelineExperimentConfig makes every
 * execution create an experiment and a trial, and fails where the service is absent. The
 * SageMaker Python SDK stopped applying its default experiment config outside these regions
 * (aws/sagemaker-python-sdk #5500, 2026-01-26, "Don't apply default experiment config for
 * pipelines in non-Eureka GA regions"; the list is EUREKA_GA_REGIONS in
 * sagemaker-mlops/src/sagemaker/mlops/workflow/_utils.py, "Experiments is not expanding to new
 * regions, so this list is static"). smpipe does the same for its default (`experiment:` unset).
 */
export const EXPERIMENTS_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-south-1', 'ap-east-1', 'sa-east-1', 'af-south-1', 'me-south-1', 'il-central-1',
  'cn-north-1', 'cn-northwest-1',
]);

export const EXPERIMENTS_REGIONS_SOURCE = 'aws/sagemaker-python-sdk #5500 (EUREKA_GA_REGIONS)';

/** Whether SageMaker Experiments exists in `region`; an unknown region (undefined) is given the benefit of the doubt. */
export function experimentsAvailable(region: string | undefined): boolean {
  return region === undefined || EXPERIMENTS_REGIONS.has(region);
}
