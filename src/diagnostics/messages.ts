import { CODES, type Code, type CodeInfo } from './codes.js';

/**
 * Message templates live with their codes in the catalogue (codes.ts), as typescript-eslint's
 * rules keep `meta.messages`: `'SMP2004.queueUrl'` names the template `queueUrl` of SMP2004, and
 * `{{name}}` in a template is a placeholder the caller must fill. The types below read the
 * placeholders out of the template text, so a report with data missing or extra does not build.
 */

/** A template: the message alone, or the message and the hint that always goes with it. */
export type Template = string | { readonly message: string; readonly hint: string };

type Catalogue = typeof CODES;
type MessagesOf<C extends Code> = Catalogue[C] extends { messages: infer M } ? M : Record<never, never>;

/** Every message of the catalogue: `<code>.<id>`. */
export type MessageKey = { [C in Code]: `${C}.${keyof MessagesOf<C> & string}` }[Code];

type CodeOf<K extends MessageKey> = K extends `${infer C extends Code}.${string}` ? C : never;
type IdOf<K extends MessageKey> = K extends `${Code}.${infer I}` ? I : never;
type TemplateOf<K extends MessageKey> = MessagesOf<CodeOf<K>>[IdOf<K> & keyof MessagesOf<CodeOf<K>>];
type Texts<T> = T extends string ? T : T extends { message: infer M; hint: infer H } ? M | H : never;
type Placeholders<S> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** Keys whose template text is typed `string`, not its literal: their placeholders would go unchecked. */
type WideTemplates = { [K in MessageKey]: string extends Texts<TemplateOf<K>> ? K : never }[MessageKey];
/** Fails to build, naming the key, when a template in the catalogue lost its literal type. */
export const TEMPLATES_ARE_LITERAL: [WideTemplates] extends [never] ? true : WideTemplates = true;

/** A value a placeholder is filled with. */
export type Printable = string | number | boolean;

/** The data a message needs: exactly its placeholders. */
export type MessageData<K extends MessageKey> = { [P in Placeholders<Texts<TemplateOf<K>>>]: Printable };

/** The arguments after the key: the data (when the template has placeholders), then options. */
export type DataArgs<K extends MessageKey, O> = [Placeholders<Texts<TemplateOf<K>>>] extends [never]
  ? [data?: Record<string, never>, options?: O]
  : [data: MessageData<K>, options?: O];

/**
 * A diagnostic not yet placed: reported later at the position it belongs to. `hint` replaces the
 * template's hint where it is computed (a did-you-mean, the names that would have been valid).
 */
export type Problem = { [K in MessageKey]: { readonly key: K; readonly data: MessageData<K>; readonly hint?: string } }[MessageKey];

/** The problem of one key (or of a union of keys). */
export type ProblemOf<K extends MessageKey> = Extract<Problem, { key: K }>;

/** A problem, typed by its key: `problem('SMP3005.unknownStep', { step })`. */
export function problem<K extends MessageKey>(key: K, ...[data]: DataArgs<K, never>): ProblemOf<K> {
  // DataArgs checked `data` against the key's template; the pair is the ProblemOf<K> member.
  return { key, data: data ?? {} } as ProblemOf<K>;
}

/** The problem with a hint computed where it was found (a did-you-mean); none given: the template's. */
export function withHint<P extends Problem>(found: P, hint: string | undefined): P {
  return hint === undefined ? found : { ...found, hint };
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The template of a key, or undefined for a key the catalogue lacks (a bug; tests cover every key). */
export function templateOf(key: string): Template | undefined {
  const [code = '', id = ''] = key.split('.');
  const entry: CodeInfo | undefined = isCode(code) ? CODES[code] : undefined;
  return entry?.messages && Object.hasOwn(entry.messages, id) ? entry.messages[id] : undefined;
}

function isCode(name: string): name is Code {
  return Object.hasOwn(CODES, name);
}

/** The code a message key belongs to. */
export function codeOf(key: MessageKey): Code {
  const code = key.slice(0, key.indexOf('.'));
  if (!isCode(code)) throw new Error(`${key} names no code`);
  return code;
}

/** The message and hint of a problem, placeholders filled in. */
export function formatProblem(problem: Problem): { code: Code; message: string; hint?: string } {
  const template = templateOf(problem.key);
  if (template === undefined) throw new Error(`no message template ${problem.key}`);
  const values: Readonly<Record<string, Printable>> = problem.data;
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => String(values[name]));
  const code = codeOf(problem.key);
  const hint = problem.hint ?? (typeof template === 'string' ? undefined : fill(template.hint));
  const message = fill(typeof template === 'string' ? template : template.message);
  return hint === undefined ? { code, message } : { code, message, hint };
}

/** The placeholders a template's text names, as the runtime fills them (tests compare with the types). */
export function placeholdersOf(template: Template): string[] {
  const texts = typeof template === 'string' ? [template] : [template.message, template.hint];
  return [...new Set(texts.flatMap((t) => [...t.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')))];
}
