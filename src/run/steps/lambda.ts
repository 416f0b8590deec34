/**
 * A lambda step: the function receives the step's resolved Arguments as its event and its JSON
 * result supplies the declared output parameters. Locally the function is --lambda STEP=FILE:
 * a Node.js handler (FILE.mjs|.js|.cjs[#export], default export `handler`), a Python handler
 * (FILE.py[:function], default `lambda_handler`, else `handler`, run with --python), or a .json
 * file standing for the function's result.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunError, StepFailure } from '../errors.js';
import { outputParameters } from '../output-parameters.js';
import { readAnswerFile, callbackRunner } from './callback.js';
import type { StepContext, StepRunner } from './types.js';

const PYTHON_HANDLER = `import importlib.util, json, sys
path, name = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("smpipe_lambda", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
function = getattr(module, name or ("lambda_handler" if hasattr(module, "lambda_handler") else "handler"))
result = function(json.load(sys.stdin), None)
sys.stdout.write("\\n" + json.dumps(result) + "\\n")
`;

function context(ctx: StepContext): Record<string, unknown> {
  return { functionName: ctx.planned.name, awsRequestId: ctx.jobName, invokedFunctionArn: ctx.planned.step.FunctionArn, getRemainingTimeInMillis: () => 900_000 };
}

async function nodeHandler(ctx: StepContext, file: string, name: string): Promise<unknown> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  const handler = module[name] ?? (module.default as Record<string, unknown> | undefined)?.[name];
  if (typeof handler !== 'function') throw new StepFailure(`${file} exports no function "${name}"`);
  return (handler as (event: unknown, context: unknown) => unknown)(ctx.args, context(ctx));
}

function pythonHandler(ctx: StepContext, file: string, name: string): Promise<unknown> {
  return new Promise((done, fail) => {
    const child = spawn(ctx.options.python, ['-c', PYTHON_HANDLER, resolve(file), name], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 15 * 60_000 });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => ((err += d), ctx.log(d)));
    child.on('error', (e) => fail(new StepFailure(`cannot run ${ctx.options.python}: ${e.message}`)));
    child.on('close', (code) => {
      ctx.log(out);
      if (code !== 0) return fail(new StepFailure(`Lambda function failed: ${err.trim().split('\n').pop() ?? `exit code ${code}`}`));
      try {
        done(JSON.parse(out.trim().split('\n').pop() ?? 'null'));
      } catch {
        fail(new StepFailure('Lambda function result is not JSON'));
      }
    });
    child.stdin.end(JSON.stringify(ctx.args));
  });
}

async function invoke(ctx: StepContext, spec: string): Promise<unknown> {
  if (spec.endsWith('.json')) return readAnswerFile(spec, ctx.planned.name, '--lambda');
  const python = /^(.*\.py)(?::(\w+))?$/.exec(spec);
  if (python) return pythonHandler(ctx, python[1] as string, python[2] ?? '');
  const node = /^(.*\.(?:mjs|cjs|js))(?:#(\w+))?$/.exec(spec);
  if (node) return nodeHandler(ctx, node[1] as string, node[2] ?? 'handler');
  throw new StepFailure(`--lambda ${ctx.planned.name}=${spec}: expected a .mjs/.js/.cjs or .py handler, or a .json result`);
}

export const lambdaRunner: StepRunner = {
  generated: ['OutputParameters'],
  checkReference: callbackRunner.checkReference,
  preflight(step, options) {
    if (options.lambdas.has(step.name)) return [];
    return [{ code: 'SMP9505', pointer: step.pointer, message: `lambda step ${step.name} has no local handler`, hint: `pass --lambda ${step.name}=handler.mjs (or .py, or a .json result)` }];
  },
  run: async (ctx) => {
    const spec = ctx.options.lambdas.get(ctx.planned.name) as string;
    let result: unknown;
    try {
      result = await invoke(ctx, spec);
    } catch (error) {
      if (error instanceof StepFailure || error instanceof RunError) throw error;
      throw new StepFailure(`Lambda function failed: ${(error as Error).message}`);
    }
    writeFileSync(join(ctx.dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    return { properties: { OutputParameters: outputParameters(ctx.planned, result, `the result of ${spec}`) } };
  },
};
