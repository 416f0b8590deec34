import { isJsonObject, type Json } from '../../expr/types.js';
import { setOwn } from '../../util/own.js';
import { describedPath, hasExactly, objectAt, set, textList } from './shared.js';
import type { ImportContext, SpecStep, StepImporter } from './types.js';

/**
 * An EMR step as the emr kind (src/steps/emr.ts): the Hadoop JAR step (jar, args, main class,
 * properties) and the cluster it runs on, a running one or the ClusterConfig of a new one.
 */
export const emrImporter: StepImporter = {
  sugar(step, ctx) {
    const args = isJsonObject(step.Arguments) ? step.Arguments : {};
    const config = objectAt(args, 'StepConfig');
    const jarStep = objectAt(config, 'HadoopJarStep');
    const jar = ctx.text(jarStep.Jar);
    if (jar === undefined || !hasExactly(config, ['HadoopJarStep'])) return undefined;
    const out: SpecStep = { kind: 'emr', jar };
    set(out, 'args', textList(jarStep.Args, ctx));
    set(out, 'mainClass', ctx.text(jarStep.MainClass));
    set(out, 'jarProperties', jarProperties(jarStep.Properties, ctx));
    set(out, 'cluster', ctx.text(args.ClusterId));
    if (isJsonObject(args.ClusterConfig)) out.clusterConfig = ctx.spec(args.ClusterConfig);
    set(out, 'executionRole', ctx.text(args.ExecutionRoleArn));
    return out;
  },
  property(rest) {
    if (rest === 'Id') return 'id';
    if (rest === 'Status.State') return 'state';
    return describedPath('EmrStep', rest);
  },
};

/** `Properties: [{Key, Value}]` as `jarProperties:`; undefined when an entry is not that. */
function jarProperties(list: Json | undefined, ctx: ImportContext): Record<string, string> | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const out: Record<string, string> = {};
  for (const entry of list) {
    const value = isJsonObject(entry) && hasExactly(entry, ['Key', 'Value']) && typeof entry.Key === 'string' ? ctx.text(entry.Value) : undefined;
    if (value === undefined || !isJsonObject(entry) || Object.hasOwn(out, String(entry.Key))) return undefined;
    setOwn<unknown>(out, String(entry.Key), value);
  }
  return out;
}
