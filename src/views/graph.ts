import type { PipelineGraph } from '../compile/compile.js';

const SHAPES: Record<string, [string, string]> = {
  condition: ['{', '}'],
  fail: ['[[', ']]'],
  callback: ['([', '])'],
  'ground-truth': ['([', '])'],
};

/** A Mermaid flowchart: solid arrows for data, dotted for dependsOn, labelled arrows for branches. */
export function mermaid(graph: PipelineGraph): string {
  const lines = ['flowchart TD'];
  for (const step of graph.steps) {
    const [open, close] = (Object.hasOwn(SHAPES, step.kind) ? SHAPES[step.kind] : undefined) ?? ['[', ']'];
    lines.push(`  ${id(step.name)}${open}"${step.name}<br/><small>${step.kind}</small>"${close}`);
  }
  for (const step of graph.steps) {
    for (const ref of step.references) lines.push(`  ${id(ref)} --> ${id(step.name)}`);
    for (const dep of step.dependsOn) lines.push(`  ${id(dep)} -.-> ${id(step.name)}`);
    for (const target of step.branches?.then ?? []) lines.push(`  ${id(step.name)} -- then --> ${id(target)}`);
    for (const target of step.branches?.else ?? []) lines.push(`  ${id(step.name)} -- else --> ${id(target)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Graphviz dot, for `--format dot`. */
export function dot(graph: PipelineGraph): string {
  const lines = ['digraph pipeline {', '  rankdir=TB;', '  node [shape=box, fontname="Helvetica"];'];
  for (const step of graph.steps) {
    const shape = step.kind === 'condition' ? 'diamond' : step.kind === 'fail' ? 'octagon' : 'box';
    lines.push(`  ${JSON.stringify(step.name)} [label=${JSON.stringify(`${step.name}\n${step.kind}`)}, shape=${shape}];`);
  }
  for (const step of graph.steps) {
    for (const ref of step.references) lines.push(`  ${JSON.stringify(ref)} -> ${JSON.stringify(step.name)};`);
    for (const dep of step.dependsOn) lines.push(`  ${JSON.stringify(dep)} -> ${JSON.stringify(step.name)} [style=dashed];`);
    for (const t of step.branches?.then ?? []) lines.push(`  ${JSON.stringify(step.name)} -> ${JSON.stringify(t)} [label="then"];`);
    for (const t of step.branches?.else ?? []) lines.push(`  ${JSON.stringify(step.name)} -> ${JSON.stringify(t)} [label="else"];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Mermaid ids must be plain words; step names may hold "-". */
function id(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}
