import { CODES } from '../diagnostics/codes.js';
import { HELP } from '../cli/help/index.js';
import { KIND_LIST } from '../steps/index.js';

/** README sections generated from the code, so the docs cannot drift (a test checks them). */
export function readmeSections(): Record<string, string> {
  return { codes: codesTable(), cli: cliReference(), kinds: kindsTable() };
}

function codesTable(): string {
  const rows = Object.entries(CODES).map(([code, info]) => `| ${code} | ${info.severity} | ${info.title.replace(/\|/g, '\\|')} |`);
  return ['| code | severity | meaning |', '|---|---|---|', ...rows].join('\n');
}

function cliReference(): string {
  return Object.entries(HELP)
    .map(([name, command]) => `### smpipe ${name}\n\n${command.summary}.\n\n\`\`\`\n${command.usage}\n\`\`\``)
    .join('\n\n');
}

function kindsTable(): string {
  const rows = KIND_LIST.map((k) => {
    const fields = Object.keys(k.fields.properties).map((f) => (k.fields.required.includes(f) ? `**${f}**` : f)).join(', ');
    // A kind whose Type is chosen per step (the raw step) has its cache and retry per Type too.
    if (k.forStep) return `| \`${k.kind}\` | any (\`type:\`) | ${fields} | per Type | per Type |`;
    return `| \`${k.kind}\` | ${k.type} | ${fields} | ${k.supportsCache ? 'yes' : 'no'} | ${k.retryExceptions.length ? 'yes' : 'no'} |`;
  });
  return ['| kind | definition Type | fields (**required**) | cache | retry |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Replaces each `<!-- NAME:start -->…<!-- NAME:end -->` block with its generated text. */
export function fillReadme(readme: string): string {
  let out = readme;
  for (const [name, body] of Object.entries(readmeSections())) {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    out = out.replace(re, (_, start: string, end: string) => `${start}\n${body}\n${end}`);
  }
  return out;
}
