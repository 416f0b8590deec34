import { isJsonObject } from '../../expr/types.js';
import { describedPath, set, tagsOf } from './shared.js';
import type { SpecStep, StepImporter } from './types.js';

/** An Endpoint step as the endpoint kind: its name and endpoint config. */
export const endpointImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const name = ctx.text(args.EndpointName);
    const config = ctx.text(args.EndpointConfigName);
    if (name === undefined || config === undefined) return undefined;
    const out: SpecStep = { kind: 'endpoint', name, config };
    set(out, 'tags', tagsOf(args.Tags));
    return out;
  },
  property(rest) {
    if (rest === 'EndpointName') return 'name';
    if (rest === 'EndpointArn') return 'arn';
    return describedPath('DescribeEndpointOutput', rest);
  },
};
