import type { Json, JsonObject } from '../../expr/types.js';
import type { Names } from '../expressions.js';

/** A step as the imported spec writes it (kind, sugar fields, arguments:). */
export type SpecStep = Record<string, unknown>;

/** What an importer sees besides the step: how values become spec values. */
export interface ImportContext {
  names: Names;
  /** A value as spec text (a string, or what an expression names); undefined where none does. */
  text(value: Json | undefined): string | undefined;
  /** A value as a spec value: expressions where they name it, JSON elsewhere. */
  spec(value: Json): unknown;
  /** The spec's vars.region: what a training step's sagemaker_region says. */
  region: string | undefined;
}

/**
 * One definition step Type back to a kind: the sugar fields that say what the step holds. It may
 * leave anything out: the round trip (import/round-trip.ts) compiles the spec, puts what differs
 * under `arguments:`, and hands the step to the raw `step` kind when even that cannot say it.
 */
export interface StepImporter {
  /** The step's kind and sugar fields; undefined when the kind cannot take this step at all. */
  sugar(step: JsonObject, ctx: ImportContext): SpecStep | undefined;
  /** How `${steps.S.<tail>}` names the property at `rest` (a Get path after `Steps.S.`) of a step imported as `spec`. */
  property(rest: string, spec: SpecStep): string | undefined;
  /** How `${steps.S.<tail>}` names a whole Std:Join the kind builds as one property (a tuning step's top models). */
  joinProperty?(join: JsonObject, step: string, spec: SpecStep): string | undefined;
  /** Property files the step declares (`${steps.S.reports.R…}`). */
  reports?(spec: SpecStep): readonly string[];
}
