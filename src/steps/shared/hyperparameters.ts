/**
 * Training hyperparameters as the SageMaker Python SDK writes them, so a script reads the same
 * values whether its pipeline came from the SDK or from smpipe.
 *
 * In script mode the training toolkit decodes every value with json.loads and passes what is not
 * JSON as it is (aws/sagemaker-training-toolkit, src/sagemaker_training/environment.py,
 * read_hyperparameters), then hands the script str() of the result (mapping.py, to_cmd_args). The
 * SDK therefore JSON-encodes every literal value and leaves pipeline variables to the service
 * (aws/sagemaker-python-sdk v2.240.0, src/sagemaker/estimator.py,
 * EstimatorBase._json_encode_hyperparameters: `v.to_string() if is_pipeline_variable(v) else
 * json.dumps(v)`, used by Framework.hyperparameters() and by Estimator.set_hyperparameters when a
 * source_dir is given). Without a source dir the SDK writes str(v) (_TrainingJob._get_train_args:
 * `to_string(v)`), and no toolkit decodes anything: the container reads the text as written.
 *
 * A pipeline variable becomes text through its to_string(): a String parameter, an execution
 * variable and a Join stay as they are; any other (an Integer, Float or Boolean parameter, a
 * property, a JsonGet) is wrapped in `Join(on="", values=[v])` (src/sagemaker/workflow/entities.py,
 * parameters.py, execution_variables.py, functions.py). ctx.value(field, 'string') lowers an
 * expression exactly so (expr/lower.ts).
 */
import { isPipelineFunction, type Json } from '../../expr/types.js';
import type { Field } from '../../spec/field.js';
import type { StepServices } from '../types.js';

/** Python's `json.dumps(value)` with its defaults (", " and ": " separators, ensure_ascii, no sorting). */
export function pythonJsonDumps(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/**
 * An integer as Python's int, any other number as Python's float repr: the shortest digits that
 * read back the same (which JavaScript also finds), in fixed notation for exponents -4..15 and
 * scientific notation with a two-digit exponent otherwise (2e-05, 1e+16, 0.0001).
 */
function pythonNumber(value: number): string {
  if (Object.is(value, -0)) return '-0.0';
  if (Number.isSafeInteger(value)) return String(value);
  const [mantissa = '', exp = '0'] = value.toExponential().split('e');
  const exponent = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** json.dumps of a str with ensure_ascii: everything outside printable ASCII as \uXXXX (lower-case hex, per UTF-16 unit). */
function pythonString(text: string): string {
  return `"${text.replace(/[\\"]|[^ -~]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** True when a lowered value holds a run-time expression anywhere inside it. */
function holdsExpression(value: Json): boolean {
  if (isPipelineFunction(value)) return true;
  if (Array.isArray(value)) return value.some(holdsExpression);
  return typeof value === 'object' && value !== null && Object.values(value).some(holdsExpression);
}

/**
 * One script-mode hyperparameter: a literal (vars resolved) as json.dumps writes it; a run-time
 * value as the pipeline variable's to_string(). A list or mapping is encoded at compile time, so
 * it cannot hold a run-time value: that is SMP3011 (give it a hyperparameter of its own).
 */
export function scriptModeHyperparameter(ctx: StepServices, field: Field<unknown>): Json {
  const value = ctx.value(field, 'json') ?? null;
  if (!holdsExpression(value)) return pythonJsonDumps(value);
  if (isPipelineFunction(value) || typeof field.raw === 'string') return ctx.value(field, 'string') ?? null;
  ctx.report('SMP3011.hyperparameterJson', field);
  return pythonJsonDumps(null);
}

/**
 * One hyperparameter of a container outside script mode: text as written (numbers and booleans
 * as JSON spells them, run-time values joined). Lists, mappings and null have no text such a
 * container expects: SMP2007 says to give code + entry or write the text itself.
 */
export function plainHyperparameter(ctx: StepServices, field: Field<unknown>, name: string): Json | undefined {
  const raw = field.raw;
  if (raw === null || (typeof raw === 'object' && raw !== undefined)) {
    ctx.report('SMP2007.hyperparameterNeedsScriptMode', field, { name });
    return undefined;
  }
  return ctx.value(field, 'string');
}
