/** A preflight report as text: a headline, the findings (errors first) with their fixes, what was checked, the cost. */
import { renderCost, usd } from '../render-cost.js';
import type { PreflightReport } from './run.js';

/** `full`: the cost table (smpipe preflight); else one line of it (upsert and start, before they write). */
export function renderPreflight(report: PreflightReport, full = true): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const verdict = errors ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` : warnings ? `ok, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'ok';
  const lines = [`Preflight ${report.pipeline} (${report.region}): ${verdict}`];
  for (const f of report.findings) {
    lines.push(`  ${f.severity.padEnd(7)} ${f.code}  ${f.message}`);
    if (f.fix) lines.push(`      fix: ${f.fix}`);
  }
  lines.push(`  checked: ${report.checked.join(', ')}`);
  if (full) lines.push(...renderCost(report.cost));
  else if (report.cost.steps.some((st) => !st.endpoint)) lines.push(`  worst case: ${usd(report.cost.totalUsd)} per execution (smpipe preflight or plan shows each step)`);
  return `${lines.join('\n')}\n`;
}

export function preflightErrors(report: PreflightReport): number {
  return report.findings.filter((f) => f.severity === 'error').length;
}
