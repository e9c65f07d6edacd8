import {
  hasCritique,
  isFlipCandidate,
  isHumanTie,
  isInRange,
  isMisrankedBy,
  isUnanimousDisagreement,
} from './pairPredicates.ts';
import type { PairFilter, PairFlagFilter } from './pairQuery.ts';
import type { NumericColumnName, PairColumns } from './queryColumns.ts';
import { STATUS_PENDING } from './reviewStatus.ts';

/** What each flag reads (the arguments of its predicate in `pairPredicates.ts`). */
const FLAG_COLUMNS: Record<PairFlagFilter, NumericColumnName[]> = {
  flipCandidate: ['mu', 'label'],
  unanimousDisagreement: ['scoredModels', 'votesNegative', 'label'],
  humanTie: ['label'],
  hasCritique: ['flags'],
};

/** True when the filter restricts anything (a filter with only empty members matches every pair). */
export function isRestrictive(filter: PairFilter): boolean {
  return (
    filter.subsets !== undefined ||
    filter.misrankedBy !== undefined ||
    (filter.flags !== undefined && filter.flags.length > 0) ||
    filter.mu !== undefined ||
    filter.sigma !== undefined ||
    filter.text !== undefined ||
    filter.status !== undefined
  );
}

/** The columns a filter reads ('text' for the search index), for cache invalidation. */
export function filterDependencies(filter: PairFilter): string[] {
  const names = new Set<string>(numericColumnsOf(filter));
  if (filter.subsets !== undefined) names.add('subset');
  if (filter.text !== undefined) names.add('text');
  if (filter.status !== undefined) names.add('status');
  return [...names];
}

function numericColumnsOf(filter: PairFilter): NumericColumnName[] {
  const names = new Set<NumericColumnName>();
  if (filter.misrankedBy !== undefined) names.add('misranked');
  for (const flag of filter.flags ?? []) for (const name of FLAG_COLUMNS[flag]) names.add(name);
  if (filter.mu !== undefined) names.add('mu');
  if (filter.sigma !== undefined) names.add('sigma');
  return [...names];
}

/**
 * mask[ord] = 1 for the pairs the filter keeps. `textMatches` are the ords the search index
 * returned for `filter.text` (ascending), or null when the filter has no text.
 */
export async function filterMask(columns: PairColumns, filter: PairFilter, textMatches: Uint32Array | null): Promise<Uint8Array> {
  const count = columns.pairCount;
  const mask = new Uint8Array(count);
  if (textMatches) {
    for (const ord of textMatches) if (ord < count) mask[ord] = 1;
  } else {
    mask.fill(1);
  }
  const c = await columns.numericColumns(numericColumnsOf(filter));
  const keep = (test: (ord: number) => boolean) => {
    for (let ord = 0; ord < count; ord++) if (mask[ord] === 1 && !test(ord)) mask[ord] = 0;
  };

  if (filter.subsets !== undefined) {
    const { codes, values } = await columns.textColumn('subset');
    const wanted = new Set(filter.subsets);
    // One slot per code, plus the last for NULL (NO_TEXT wraps to it through the length check).
    const allowed = new Uint8Array(values.length + 1);
    values.forEach((value, code) => (allowed[code] = wanted.has(value) ? 1 : 0));
    allowed[values.length] = wanted.has(null) ? 1 : 0;
    keep((ord) => {
      const code = codes[ord]!;
      return allowed[code < values.length ? code : values.length] === 1;
    });
  }
  if (filter.misrankedBy !== undefined) {
    const misranked = c.misranked!;
    const { models, match } = filter.misrankedBy;
    if (match === 'all') keep((ord) => models.every((m) => isMisrankedBy(misranked[ord]!, m)));
    else keep((ord) => models.some((m) => isMisrankedBy(misranked[ord]!, m)));
  }
  for (const flag of new Set(filter.flags ?? [])) {
    if (flag === 'flipCandidate') {
      const mu = c.mu!;
      const label = c.label!;
      keep((ord) => isFlipCandidate(mu[ord]!, label[ord]!));
    } else if (flag === 'unanimousDisagreement') {
      const scored = c.scoredModels!;
      const against = c.votesNegative!;
      const label = c.label!;
      keep((ord) => isUnanimousDisagreement(scored[ord]!, against[ord]!, label[ord]!));
    } else if (flag === 'humanTie') {
      const label = c.label!;
      keep((ord) => isHumanTie(label[ord]!));
    } else {
      const flags = c.flags!;
      keep((ord) => hasCritique(flags[ord]!));
    }
  }
  if (filter.mu !== undefined) {
    const mu = c.mu!;
    const range = filter.mu;
    keep((ord) => isInRange(mu[ord]!, range));
  }
  if (filter.sigma !== undefined) {
    const sigma = c.sigma!;
    const range = filter.sigma;
    keep((ord) => isInRange(sigma[ord]!, range));
  }
  if (filter.status !== undefined) {
    const status = columns.statusColumn();
    if (filter.status === 'pending') keep((ord) => status[ord] === STATUS_PENDING);
    else keep((ord) => !Number.isNaN(status[ord]!));
  }
  return mask;
}
