import { writeFileSync } from 'node:fs';
import { generateSpec, makeWorkspace } from './gen-spec.js';
const { compile } = await import('../dist/src/compile/compile.js');
const ws = makeWorkspace();
const specs = [1000, 2000].map((n) => { const t = generateSpec(n); const p = ws.specPath(n); writeFileSync(p, t); return { n, t, p }; });
for (const s of specs) compile(s.t, { file: s.p });
const res: Record<number, number[]> = { 1000: [], 2000: [] };
const wall: Record<number, number[]> = { 1000: [], 2000: [] };
for (let i = 0; i < 6; i++) for (const s of specs) {
  const c = process.cpuUsage(); const t0 = process.hrtime.bigint();
  compile(s.t, { file: s.p });
  const u = process.cpuUsage(c); res[s.n]!.push((u.user + u.system) / 1000); wall[s.n]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
console.log('cpu', res, 'ratio cpu', (med(res[2000]!) / med(res[1000]!)).toFixed(2), 'ratio wall', (med(wall[2000]!) / med(wall[1000]!)).toFixed(2));
