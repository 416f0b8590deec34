import { closest, editDistance } from '../../util/suggest.js';

/** "did you mean X?" for a misspelt member name, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const exactButCase = candidates.find((c) => c.toLowerCase() === name.toLowerCase());
  const best = exactButCase ?? closest(name, candidates);
  return best === undefined ? undefined : `did you mean '${best}'?`;
}

const MAX_LISTED = 8;

/**
 * A hint for a value outside an enum: the closest values (ml.g5.49xlarge → ml.g5.48xlarge), else
 * the values of the same family (everything up to the last '.'), else all values of a short enum.
 */
export function enumHint(value: string, values: readonly string[]): string | undefined {
  const respelt = respelling(value, values);
  if (respelt !== undefined) return `did you mean ${quoteList([respelt])}?`;
  const near = value.length > 256 ? [] : nearest(value, values);
  if (near.length > 0) return `did you mean ${quoteList(near)}?`;
  const dot = value.lastIndexOf('.');
  const family = dot > 0 ? values.filter((v) => v.startsWith(value.slice(0, dot + 1))) : [];
  if (family.length > 0) return `valid values of this family: ${quoteList(family.slice(0, MAX_LISTED))}${family.length > MAX_LISTED ? ', …' : ''}`;
  if (values.length <= MAX_LISTED) return `valid values: ${quoteList(values)}`;
  return undefined;
}

/** A value that differs only in case, surrounding spaces or the `ml.` of an instance type (g5.48xlarge). */
function respelling(value: string, values: readonly string[]): string | undefined {
  const plain = value.trim().toLowerCase();
  const forms = [plain, `ml.${plain}`];
  return values.find((v) => forms.includes(v.toLowerCase()));
}

/** The values closest to `value` (up to three, alphabetical) when within a typo's distance. */
function nearest(value: string, values: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(value.length / 5));
  const scored = values.map((v) => ({ v, d: editDistance(value.toLowerCase(), v.toLowerCase()) }));
  const best = Math.min(Infinity, ...scored.map(({ d }) => d));
  if (best > limit) return [];
  return scored.filter(({ d }) => d === best).map(({ v }) => v).sort().slice(0, 3);
}

function quoteList(values: readonly (string | number)[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
