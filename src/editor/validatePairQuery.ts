import {
  MAX_FILTER_SUBSETS,
  MAX_FILTER_TEXT_LENGTH,
  MAX_MISRANKED_MODELS,
  PAIR_FLAG_FILTERS,
  PAIR_SORT_KEYS,
  REVIEW_STATUS_FILTERS,
  SORT_DIRECTIONS,
} from '../core/query/pairQuery.ts';

/**
 * Checks a pair query from the webview member by member: a known shape, known sort keys and
 * flags, finite numbers, bounded sizes, and nothing else — an unknown member is refused rather
 * than ignored, so a webview built against another protocol fails loudly. A member whose value is
 * `undefined` counts as absent. Returns the first problem, or null.
 */
export function pairQueryProblem(value: unknown): string | null {
  if (!isObject(value)) return 'query must be an object';
  const extra = unknownMember(value, ['sort', 'filter']);
  if (extra) return `query has an unknown member ${extra}`;
  return sortProblem(value.sort) ?? pairFilterProblem(value.filter);
}

function sortProblem(value: unknown): string | null {
  if (!isObject(value)) return 'query.sort must be an object';
  const extra = unknownMember(value, ['key', 'direction']);
  if (extra) return `query.sort has an unknown member ${extra}`;
  if (!isOneOf(value.key, PAIR_SORT_KEYS)) return `query.sort.key must be one of ${PAIR_SORT_KEYS.join(', ')}`;
  if (!isOneOf(value.direction, SORT_DIRECTIONS)) return 'query.sort.direction must be asc or desc';
  return null;
}

export function pairFilterProblem(value: unknown): string | null {
  if (!isObject(value)) return 'filter must be an object';
  const extra = unknownMember(value, ['subsets', 'misrankedBy', 'flags', 'mu', 'sigma', 'text', 'status']);
  if (extra) return `filter has an unknown member ${extra}`;
  const { subsets, misrankedBy, flags, mu, sigma, text, status } = value;
  if (subsets !== undefined) {
    if (!Array.isArray(subsets) || subsets.length > MAX_FILTER_SUBSETS) return `filter.subsets must be a list of at most ${MAX_FILTER_SUBSETS}`;
    if (!subsets.every((s) => s === null || (typeof s === 'string' && s.length <= MAX_FILTER_TEXT_LENGTH))) {
      return 'filter.subsets must hold subset names (strings) or null';
    }
  }
  if (misrankedBy !== undefined) {
    const problem = misrankedProblem(misrankedBy);
    if (problem) return problem;
  }
  if (flags !== undefined) {
    if (!Array.isArray(flags) || flags.length > PAIR_FLAG_FILTERS.length || !flags.every((f) => isOneOf(f, PAIR_FLAG_FILTERS))) {
      return `filter.flags must be a list of ${PAIR_FLAG_FILTERS.join(', ')}`;
    }
  }
  for (const [name, range] of [['mu', mu], ['sigma', sigma]] as const) {
    if (range === undefined) continue;
    const problem = rangeProblem(`filter.${name}`, range);
    if (problem) return problem;
  }
  if (text !== undefined && (typeof text !== 'string' || text.length > MAX_FILTER_TEXT_LENGTH)) {
    return `filter.text must be a string of at most ${MAX_FILTER_TEXT_LENGTH} characters`;
  }
  if (status !== undefined && !isOneOf(status, REVIEW_STATUS_FILTERS)) return `filter.status must be one of ${REVIEW_STATUS_FILTERS.join(', ')}`;
  return null;
}

function misrankedProblem(value: unknown): string | null {
  if (!isObject(value)) return 'filter.misrankedBy must be an object';
  const extra = unknownMember(value, ['models', 'match']);
  if (extra) return `filter.misrankedBy has an unknown member ${extra}`;
  const models = value.models;
  if (
    !Array.isArray(models) ||
    models.length > MAX_MISRANKED_MODELS ||
    !models.every((m) => Number.isInteger(m) && (m as number) >= 0 && (m as number) < MAX_MISRANKED_MODELS)
  ) {
    return `filter.misrankedBy.models must be a list of model indices from 0 to ${MAX_MISRANKED_MODELS - 1}`;
  }
  if (value.match !== 'any' && value.match !== 'all') return 'filter.misrankedBy.match must be any or all';
  return null;
}

function rangeProblem(name: string, value: unknown): string | null {
  if (!isObject(value)) return `${name} must be an object`;
  const extra = unknownMember(value, ['min', 'max', 'includeMax']);
  if (extra) return `${name} has an unknown member ${extra}`;
  const { min, max, includeMax } = value;
  if (min !== undefined && !Number.isFinite(min)) return `${name}.min must be a finite number`;
  if (max !== undefined && !Number.isFinite(max)) return `${name}.max must be a finite number`;
  if (includeMax !== undefined && typeof includeMax !== 'boolean') return `${name}.includeMax must be true or false`;
  if (min !== undefined && max !== undefined && (min as number) > (max as number)) return `${name}.min must not exceed ${name}.max`;
  return null;
}

/** The first member not in `known` whose value is defined, quoted; null when there is none. */
function unknownMember(value: Record<string, unknown>, known: readonly string[]): string | null {
  const extra = Object.keys(value).find((key) => !known.includes(key) && value[key] !== undefined);
  return extra === undefined ? null : JSON.stringify(extra);
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
