/**
 * AWS Deep Learning Containers: the ECR registry account of each Region.
 *
 * Sources (checked against each other; every account below appears in at least two):
 * - https://aws.github.io/deep-learning-containers/reference/region_availability/
 *   ("Private ECR account IDs by region", the DLC team's page);
 * - the SageMaker Python SDK's image_uri_config/*.json "registries" maps (huggingface-llm,
 *   djl-lmi, huggingface-llm-neuronx), which add GovCloud, ca-west-1, ap-southeast-5/7,
 *   mx-central-1;
 * - aws/deep-learning-containers available_images.md (older regions, China).
 * Left out on purpose: Regions with no listed DLC registry (ap-southeast-6 New Zealand appears
 * in one third-party script only; the ISO partitions). An unlisted Region is an error with a
 * hint to use a full image URI, never a guess at an account.
 */

/** Region → DLC registry account, sorted by Region code. */
export const DLC_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  'af-south-1': '626614931356',
  'ap-east-1': '871362719292',
  'ap-east-2': '975050140332',
  'ap-northeast-1': '763104351884',
  'ap-northeast-2': '763104351884',
  'ap-northeast-3': '364406365360',
  'ap-south-1': '763104351884',
  'ap-south-2': '772153158452',
  'ap-southeast-1': '763104351884',
  'ap-southeast-2': '763104351884',
  'ap-southeast-3': '907027046896',
  'ap-southeast-4': '457447274322',
  'ap-southeast-5': '550225433462',
  'ap-southeast-7': '590183813437',
  'ca-central-1': '763104351884',
  'ca-west-1': '204538143572',
  'cn-north-1': '727897471807',
  'cn-northwest-1': '727897471807',
  'eu-central-1': '763104351884',
  'eu-central-2': '380420809688',
  'eu-north-1': '763104351884',
  'eu-south-1': '692866216735',
  'eu-south-2': '503227376785',
  'eu-west-1': '763104351884',
  'eu-west-2': '763104351884',
  'eu-west-3': '763104351884',
  'il-central-1': '780543022126',
  'me-central-1': '914824155844',
  'me-south-1': '217643126080',
  'mx-central-1': '637423239942',
  'sa-east-1': '763104351884',
  'us-east-1': '763104351884',
  'us-east-2': '763104351884',
  'us-gov-east-1': '446045086412',
  'us-gov-west-1': '442386744353',
  'us-west-1': '763104351884',
  'us-west-2': '763104351884',
});

/** Real Regions without a known DLC registry: named in the error so it does not read as a typo. */
export const REGIONS_WITHOUT_DLC: readonly string[] = ['ap-southeast-6', 'eusc-de-east-1'];

/** ECR's DNS suffix: the China partition has its own. */
export function ecrDomain(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
