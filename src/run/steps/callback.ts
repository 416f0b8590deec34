/**
 * A callback step. On SageMaker it sends {token, pipelineExecutionArn, arguments, status} to its
 * SQS queue and waits for SendPipelineExecutionStepSuccess/Failure; here the message is written
 * to the step folder (message.json) and the answer comes from the command line:
 * --callback STEP=outputs.json (output parameters by name, or the API's [{Name, Value}] list),
 * or, for a ground-truth step (a labeling job request), --labels FILE / --simulate-labels N.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isObject } from '../definition.js';
import { RunError } from '../errors.js';
import { answerLabeling, isLabelingRequest } from '../labels.js';
import { outputParameters } from '../output-parameters.js';
import type { StepRunner } from './types.js';

export function readAnswerFile(file: string, step: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RunError('SMP9511', `${what} for step ${step}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { step });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RunError('SMP9511', `${what} for step ${step}: ${file} is not JSON: ${(error as Error).message}`, { step });
  }
}

export const callbackRunner: StepRunner = {
  generated: ['OutputParameters'],
  checkReference(step, tokens) {
    const [head, name] = tokens;
    if (!head || !('key' in head) || head.key !== 'OutputParameters' || !name) return undefined;
    const declared = (step.step.OutputParameters ?? []).map((p) => p.OutputName);
    return 'key' in name && declared.includes(name.key) ? undefined : `no output parameter ${'key' in name ? `"${name.key}"` : `[${name.index}]`} (declared: ${declared.join(', ') || 'none'})`;
  },
  preflight(step, options) {
    if (options.callbacks.has(step.name)) return [];
    if (isLabelingRequest(step.step.Arguments) && (options.labels || options.simulateLabels !== undefined)) return [];
    const labeling = isLabelingRequest(step.step.Arguments);
    return [{
      code: 'SMP9504',
      pointer: step.pointer,
      message: `${labeling ? 'ground-truth' : 'callback'} step ${step.name} has no local answer`,
      hint: labeling ? `pass --simulate-labels [N], --labels OUTPUT.manifest or --callback ${step.name}=outputs.json` : `pass --callback ${step.name}=outputs.json (its output parameters by name)`,
    }];
  },
  run: async (ctx) => {
    const token = randomBytes(5).toString('hex');
    writeFileSync(join(ctx.dir, 'message.json'), `${JSON.stringify({ token, pipelineExecutionArn: ctx.run.arn, arguments: ctx.args, status: 'Executing' }, null, 2)}\n`);
    const fixture = ctx.options.callbacks.get(ctx.planned.name);
    if (fixture) {
      const values = readAnswerFile(fixture, ctx.planned.name, '--callback');
      ctx.log(`smpipe: answered from ${fixture}\n`);
      return { properties: { OutputParameters: outputParameters(ctx.planned, isObject(values) || Array.isArray(values) ? values : {}, fixture) } };
    }
    return { properties: { OutputParameters: outputParameters(ctx.planned, await answerLabeling(ctx, token), 'the local labeling answer') } };
  },
};
