/**
 * Where to look at a pipeline in a browser. The SageMaker console's pipeline pages
 * (`/sagemaker/home?region=R#/pipelines/NAME`) open the pipeline in SageMaker Studio when the
 * account has a Studio domain; Studio's own URL carries the domain id, which deploy does not know,
 * so the Studio route is given as navigation.
 */
export function pipelineConsoleUrl(region: string, name: string): string {
  return `${consoleBase(region)}/sagemaker/home?region=${region}#/pipelines/${encodeURIComponent(name)}`;
}

/** The execution's page; the id is the last part of its ARN. */
export function executionConsoleUrl(region: string, executionArn: string): string {
  const match = /:pipeline\/([^/]+)\/execution\/([^/]+)$/.exec(executionArn);
  if (!match) return pipelineConsoleUrl(region, executionArn);
  const [, name, id] = match as unknown as [string, string, string];
  return `${consoleBase(region)}/sagemaker/home?region=${region}#/pipelines/${encodeURIComponent(name)}/executions/${encodeURIComponent(id)}`;
}

export function studioHint(name: string): string {
  return `SageMaker Studio → Pipelines → ${name}`;
}

/** The console host of the region's partition (commercial, China, GovCloud). */
function consoleBase(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `https://${region}.console.amazonaws-us-gov.com`;
  return `https://${region}.console.aws.amazon.com`;
}

/** `arn:aws:sagemaker:R:A:pipeline/NAME/execution/ID` → NAME. */
export function pipelineNameOf(executionArn: string): string | undefined {
  return /:pipeline\/([^/]+)\/execution\//.exec(executionArn)?.[1];
}
