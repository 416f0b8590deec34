/**
 * Simulated Ground Truth workers for `smpipe run --simulate-labels`. Their preference follows a
 * rule a small model can learn from a few DPO steps, so a locally aligned model can beat its base
 * on held-out pairs:
 *
 *   Workers prefer SHORTER answers: rank 1 is the response with the fewest characters (after
 *   trimming), and so on. Each worker also, seeded per (item, worker): ties the two middle
 *   responses with probability 0.3 (exercising ties), and swaps two neighbouring ranks with
 *   probability 0.1 (disagreement between workers). One item, chosen by the seed, fails as an
 *   expired task does. Everything is a function of the item id and worker number: the same
 *   inputs give the same labels on every run and machine.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from './definition.js';

export const SIMULATED_RULE = `simulated workers prefer shorter answers (fewest characters ranks 1)
seeded per item and worker: 30% tie the two middle answers, 10% swap two neighbouring ranks; one item fails`;

const SEED = 'smpipe-simulated-workers-v1';

/** A number in [0, 1) from the seed and the parts: the same parts give the same number. */
export function unit(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update([SEED, ...parts].join('\0')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** responseRankings for one worker: rank of responses[i], 1 = best; a tie shares the lower number. */
export function simulatedRanks(responses: readonly string[], itemKey: string, worker: number): number[] {
  const order = responses.map((text, index) => ({ index, length: text.trim().length }));
  order.sort((a, b) => a.length - b.length || a.index - b.index);
  if (order.length >= 3 && unit(itemKey, worker, 'swap') < 0.1) {
    const at = 1 + Math.floor(unit(itemKey, worker, 'swap-at') * (order.length - 2));
    [order[at], order[at + 1]] = [order[at + 1] as (typeof order)[number], order[at] as (typeof order)[number]];
  }
  const ranks = new Array<number>(responses.length);
  order.forEach((entry, position) => {
    const previous = order[position - 1];
    const sameLength = previous !== undefined && previous.length === entry.length;
    ranks[entry.index] = sameLength ? (ranks[previous.index] as number) : position + 1;
  });
  if (order.length >= 4 && unit(itemKey, worker, 'tie') < 0.3) {
    const middle = Math.floor(order.length / 2) - 1;
    const [a, b] = [order[middle], order[middle + 1]] as [(typeof order)[number], (typeof order)[number]];
    ranks[b.index] = ranks[a.index] as number;
  }
  return ranks;
}

/** The one item that fails: the lowest seeded draw among items (none with fewer than two items). */
export function failedItemIndex(lines: readonly JsonObject[]): number | undefined {
  if (lines.length < 2) return undefined;
  let best = 0;
  lines.forEach((line, i) => {
    if (unit(String(line.id ?? i), 'fail') < unit(String(lines[best]?.id ?? best), 'fail')) best = i;
  });
  return best;
}

export interface UiNames {
  element: string;
  dimension: string;
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };

/** HTML character references (the template escapes its attribute values, braces included). */
function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The <crowd-text-ranking> element's name and first dimension in the worker UI template. */
export function uiNames(template: string | undefined): UiNames {
  const fallback = { element: 'ranking', dimension: 'Alignment' };
  const element = template ? /<crowd-text-ranking[^>]*?\sname="([^"]+)"/s.exec(template)?.[1] : undefined;
  const dimensions = template ? /ordinal-ranking-dimensions="([^"]*)"/.exec(template)?.[1] : undefined;
  let dimension = fallback.dimension;
  try {
    const parsed = dimensions ? (JSON.parse(unescapeHtml(dimensions)) as { name?: string }[]) : [];
    dimension = parsed[0]?.name ?? dimension;
  } catch {
    // a template of someone else's making: keep the default dimension name
  }
  return { element: element ?? fallback.element, dimension };
}

/** What crowd-form posts for a <crowd-text-ranking> answer (the smpipe worker UI's contract). */
export function rankingAnswer(names: UiNames, ranks: number[]): string {
  return JSON.stringify({ [names.element]: { ordinalRankingDimensions: [{ name: names.dimension, responseRankings: ranks }] } });
}
