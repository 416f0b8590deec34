/**
 * Generates src/check/api-shapes/sagemaker-shapes.json from the TypeScript declarations that
 * ship with @aws-sdk/client-sagemaker: only the shapes reachable from the Create* requests that
 * pipeline steps send and the Describe* responses that property paths read.
 *
 *   npx tsx scripts/gen-api-shapes.ts
 *
 * The output is deterministic (sorted keys and enum values, one shape per line) so the
 * committed file diffs cleanly on SDK bumps; test/check/api-shapes-current.test.ts checks it.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { Shape } from '../src/check/api-shapes/load.js';
import { EMR_ROOTS, EMR_SHAPES } from './emr-shapes.js';

export const ROOTS = [
  'CreateProcessingJobRequest', 'CreateTrainingJobRequest', 'CreateTransformJobRequest',
  'CreateModelInput', 'CreateModelPackageInput', 'CreateEndpointConfigInput', 'CreateEndpointInput',
  'CreateLabelingJobRequest', 'CreateHyperParameterTuningJobRequest', 'CreateAutoMLJobRequest',
  'DescribeProcessingJobResponse', 'DescribeTrainingJobResponse', 'DescribeTransformJobResponse',
  'DescribeModelOutput', 'DescribeModelPackageOutput', 'DescribeEndpointConfigOutput',
  'DescribeEndpointOutput', 'DescribeLabelingJobResponse',
  'DescribeHyperParameterTuningJobResponse', 'ListTrainingJobsForHyperParameterTuningJobResponse', 'DescribeAutoMLJobResponse',
] as const;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT_FILE = join(REPO, 'src/check/api-shapes/sagemaker-shapes.json');


/** Scalars are referenced by these names and have no entry in `shapes`. */
const SCALAR_REFS: Record<string, string> = {
  Date: 'timestamp', Uint8Array: 'blob', __DocumentType: 'document',
  // A JSON document the SDK serialises to a string (HumanLoopActivationConditions).
  __AutomaticJsonStringConversion: 'string',
};

interface Declarations {
  interfaces: Map<string, ts.InterfaceDeclaration>;
  enums: Map<string, string[]>;
  /** TypeScript `enum`s: Smithy intEnums (numbers on the wire). */
  intEnums: Map<string, number[]>;
  aliases: Map<string, ts.TypeNode>;
  /** Union namespaces: union name → its `XMember` interfaces. */
  unions: Map<string, ts.InterfaceDeclaration[]>;
}

export const SDK_DIR = join(REPO, 'node_modules/@aws-sdk/client-sagemaker');

function readDeclarations(modelsDir: string): Declarations {
  const decls: Declarations = { interfaces: new Map(), enums: new Map(), intEnums: new Map(), aliases: new Map(), unions: new Map() };
  for (const file of readdirSync(modelsDir).filter((f) => f.endsWith('.d.ts')).sort()) {
    const text = readFileSync(join(modelsDir, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) collect(statement, decls);
  }
  return decls;
}

function collect(node: ts.Statement, decls: Declarations): void {
  if (ts.isInterfaceDeclaration(node)) decls.interfaces.set(node.name.text, node);
  else if (ts.isTypeAliasDeclaration(node)) decls.aliases.set(node.name.text, node.type);
  else if (ts.isVariableStatement(node)) collectEnum(node, decls);
  else if (ts.isEnumDeclaration(node)) collectIntEnum(node, decls);
  else if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
    const members = node.body.statements.filter(ts.isInterfaceDeclaration)
      .filter((i) => i.name.text.endsWith('Member') && i.name.text !== '$UnknownMember');
    decls.unions.set(node.name.text, members);
  }
}

/** `declare const X: { readonly K: "v"; ... }` → X's values. */
function collectEnum(node: ts.VariableStatement, decls: Declarations): void {
  for (const d of node.declarationList.declarations) {
    if (!ts.isIdentifier(d.name) || !d.type || !ts.isTypeLiteralNode(d.type)) continue;
    const values = d.type.members.flatMap((m) =>
      ts.isPropertySignature(m) && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)
        ? [m.type.literal.text] : []);
    decls.enums.set(d.name.text, values);
  }
}

/** `declare enum X { A = 10, ... }` → X's numeric values. */
function collectIntEnum(node: ts.EnumDeclaration, decls: Declarations): void {
  const values = node.members.map((m) => {
    if (!m.initializer || !ts.isNumericLiteral(m.initializer)) throw new Error(`enum ${node.name.text}: non-numeric member`);
    return Number(m.initializer.text);
  });
  decls.intEnums.set(node.name.text, values);
}

class ShapeBuilder {
  readonly shapes: Record<string, Shape> = {};
  constructor(private readonly decls: Declarations) {}

  /** Returns the name a member refers to: a scalar, a named shape, or `list<X>` / `map<X>`. */
  ref(node: ts.TypeNode): string {
    if (ts.isParenthesizedTypeNode(node)) return this.ref(node.type);
    if (ts.isUnionTypeNode(node)) return this.refUnion(node);
    if (ts.isArrayTypeNode(node)) return this.add(`list<${this.ref(node.elementType)}>`, () => ({ type: 'list', member: this.ref(node.elementType) }));
    if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return this.refNamed(node.typeName.text, node);
    throw new Error(`unsupported type syntax: ${ts.SyntaxKind[node.kind]}`);
  }

  private refUnion(node: ts.UnionTypeNode): string {
    const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword).map((t) => this.ref(t));
    const distinct = [...new Set(parts)];
    if (distinct.length !== 1) throw new Error(`unsupported union: ${distinct.join(' | ')}`);
    return distinct[0]!;
  }

  private refNamed(name: string, node: ts.TypeReferenceNode): string {
    const scalar = SCALAR_REFS[name];
    if (scalar) return scalar;
    // Partial<Record<Enum, V>>: a map whose keys are the enum's values; as a map of V here.
    if (name === 'Partial' && node.typeArguments?.[0]) return this.ref(node.typeArguments[0]);
    if (name === 'Record') {
      const value = node.typeArguments?.[1];
      if (!value) throw new Error('Record without a value type');
      return this.add(`map<${this.ref(value)}>`, () => ({ type: 'map', value: this.ref(value) }));
    }
    const iface = this.decls.interfaces.get(name);
    if (iface) return this.add(name, () => this.structure(iface.members));
    const unionMembers = this.decls.unions.get(name);
    if (unionMembers && this.decls.aliases.has(name)) return this.add(name, () => this.union(unionMembers));
    const ints = this.decls.intEnums.get(name);
    if (ints) return this.add(name, () => ({ type: 'intEnum', values: [...new Set(ints)].sort((a, b) => a - b) }));
    const alias = this.decls.aliases.get(name);
    if (alias && ts.isIndexedAccessTypeNode(alias)) return this.add(name, () => this.enumOf(name));
    throw new Error(`unknown type ${name}`);
  }

  /** Registers `name` once; the placeholder, replaced at once, stops recursion through cyclic shapes. */
  private add(name: string, build: () => Shape): string {
    if (!(name in this.shapes)) {
      this.shapes[name] = { type: 'list', member: '' };
      this.shapes[name] = build();
    }
    return name;
  }

  private structure(members: ts.NodeArray<ts.TypeElement>): Shape {
    const out: Record<string, string> = {};
    const required: string[] = [];
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.type || !ts.isIdentifier(m.name)) continue;
      if (m.type.kind === ts.SyntaxKind.NeverKeyword || m.name.text === '$unknown') continue;
      out[m.name.text] = this.ref(m.type);
      if (!m.questionToken) required.push(m.name.text);
    }
    return required.length > 0 ? { type: 'structure', members: out, required: required.sort() } : { type: 'structure', members: out };
  }

  /** A tagged union: each `XMember` interface sets exactly one member. */
  private union(variants: ts.InterfaceDeclaration[]): Shape {
    const members: Record<string, string> = {};
    for (const v of variants) {
      const s = this.structure(v.members);
      if (s.type === 'structure') Object.assign(members, s.members);
    }
    return { type: 'union', members };
  }

  private enumOf(name: string): Shape {
    const values = this.decls.enums.get(name);
    if (!values) throw new Error(`enum ${name} has no const declaration`);
    return { type: 'enum', values: [...new Set(values)].sort() };
  }
}

/** Deterministic text: sorted keys everywhere, one shape per line. */
function render(sdkVersion: string, shapes: Record<string, Shape>): string {
  const lines = Object.keys(shapes).sort().map((name) => `${JSON.stringify(name)}:${stableStringify(shapes[name])}`);
  return `{"sdkVersion":${JSON.stringify(sdkVersion)},"roots":${JSON.stringify([...ROOTS, ...EMR_ROOTS].sort())},"shapes":{\n${lines.join(',\n')}\n}}\n`;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Builds the JSON text in memory (the test compares it with the committed file). */
export function generateShapesJson(): string {
  const { version } = JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8')) as { version: string };
  const builder = new ShapeBuilder(readDeclarations(join(SDK_DIR, 'dist-types/models')));
  // A root the SDK no longer declares throws "unknown type": the roots are checked, not guessed.
  for (const root of ROOTS) builder.ref(ts.factory.createTypeReferenceNode(root));
  // The EMR step types' hand-kept shapes (scripts/emr-shapes.ts) beside SageMaker's, never over them.
  for (const [name, shape] of Object.entries(EMR_SHAPES)) {
    if (name in builder.shapes && JSON.stringify(builder.shapes[name]) !== JSON.stringify(shape)) throw new Error(`EMR shape ${name} collides with a SageMaker shape`);
    builder.shapes[name] = shape;
  }
  return render(version, builder.shapes);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const text = generateShapesJson();
  writeFileSync(OUTPUT_FILE, text);
  console.log(`wrote ${OUTPUT_FILE} (${text.length} bytes)`);
}
