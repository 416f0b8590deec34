// Regenerates the README's code-derived sections (diagnostic codes, CLI reference, step kinds).
import { readFileSync, writeFileSync } from 'node:fs';
import { fillReadme } from '../src/docs/readme-sections.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, fillReadme(readFileSync(path, 'utf8')));
console.log(`updated ${path.pathname}`);
