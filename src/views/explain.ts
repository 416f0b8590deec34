import { CODES, type Code } from '../diagnostics/codes.js';
import { explanationOf } from '../diagnostics/explanations/index.js';
import { shortenMessage } from '../util/truncate.js';

/** One line per code: what `smpipe explain` prints without an argument. */
export function codeList(): string {
  return Object.entries(CODES).map(([code, info]) => `${code}  ${info.severity.padEnd(7)}  ${info.title}\n`).join('');
}

/** The title, what the check means, a failing example and its fix. */
export function explainCode(code: Code): string {
  const info = CODES[code];
  const out = [`${code} (${info.severity}): ${info.title}`, ''];
  const e = explanationOf(code);
  if (!e) return `${out[0]}\n`;
  out.push(...wrap(e.explain, 88).map((line) => `  ${line}`), '');
  if (e.situation) {
    out.push('When it happens:', ...wrap(e.example, 86).map((l) => `    ${l}`), '', 'What to do:', ...wrap(e.fix, 86).map((l) => `    ${l}`));
  } else {
    out.push(`Example${setNote(e.set?.example)}:`, ...block(e.example), '', `Fix${setNote(e.set?.fix)}:`, ...block(e.fix));
  }
  return `${out.join('\n')}\n`;
}

function setNote(set: readonly string[] | undefined): string {
  return set?.length ? ` (with ${set.map((s) => `--set ${s}`).join(' ')})` : '';
}

/** A spec, indented; a very long line is shortened (the example of a 256-character limit). */
function block(spec: string): string[] {
  return spec.replace(/\n$/, '').split('\n').map((line) => `    ${shortenMessage(line)}`);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
