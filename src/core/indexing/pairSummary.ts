import type { Pair, Text } from '../pair.ts';
import type { MarkedPair } from '../relabels/relabelMarks.ts';
import { PairFlag } from '../store/schema.ts';

/** What the index keeps of one pair (see the `pairs` table); computed from the normalized pair. */
export interface PairSummary {
  id: string | null;
  subset: string | null;
  preview: string;
  label: 1 | 0;
  chosenLength: number;
  rejectedLength: number;
  scoredModels: number;
  mu: number | null;
  sigma: number | null;
  votesPositive: number;
  votesZero: number;
  votesNegative: number;
  flags: number;
  /** Per model name: [chosen, rejected] reward. */
  scores: [string, number, number][];
}

const PREVIEW_CHARS = 160;

export function summarizePair(pair: Pair): PairSummary {
  const scores: [string, number, number][] = [];
  let sum = 0;
  let sumSquares = 0;
  let positive = 0;
  let zero = 0;
  let negative = 0;
  for (const [model, score] of Object.entries(pair.scores)) {
    if (!Number.isFinite(score.chosen) || !Number.isFinite(score.rejected)) continue;
    scores.push([model, score.chosen, score.rejected]);
    const margin = score.chosen - score.rejected;
    sum += margin;
    sumSquares += margin * margin;
    if (margin > 0) positive++;
    else if (margin < 0) negative++;
    else zero++;
  }
  const n = scores.length;
  const mu = n > 0 ? sum / n : null;
  // Population standard deviation (REFERENCE §2: σ_i = std_m d_im over the scoring models).
  const sigma = mu === null ? null : Math.sqrt(Math.max(0, sumSquares / n - mu * mu));
  let flags = 0;
  if (Object.keys(pair.critiques).length > 0) flags |= PairFlag.hasCritique;
  if (Object.keys(pair.rubric).length > 0) flags |= PairFlag.hasRubric;
  if (Object.keys(pair.votes).length > 0) flags |= PairFlag.hasVotes;
  if (pair.rejectedAll && pair.rejectedAll.length > 1) flags |= PairFlag.bestOfN;
  if (Array.isArray(pair.prompt)) flags |= PairFlag.chatPrompt;
  return {
    id: pair.id,
    subset: pair.subset,
    preview: promptPreview(pair.prompt),
    label: pair.label === 'tie' ? 0 : 1,
    chosenLength: textLength(pair.chosen),
    rejectedLength: textLength(pair.rejected),
    scoredModels: n,
    mu,
    sigma,
    votesPositive: positive,
    votesZero: zero,
    votesNegative: negative,
    flags,
    scores,
  };
}

/**
 * The summary of a pair read with its relabel marks applied: what a reviewer decided, and a
 * dropped pair flagged. The indexer and the index patch after a save both summarize this way, so
 * a from-scratch index and a patched one agree row for row.
 */
export function summarizeMarkedPair(marked: MarkedPair): PairSummary {
  const summary = summarizePair(marked.pair);
  if (marked.dropped) summary.flags |= PairFlag.relabelDropped;
  return summary;
}

/** Characters of a response: the text, or the sum of its messages' contents. */
export function textLength(text: Text): number {
  if (typeof text === 'string') return text.length;
  let length = 0;
  for (const message of text) length += message.content.length;
  return length;
}

/**
 * The part of a prompt that tells pairs apart in a list: the last user turn (for HH-style
 * transcripts, the text after the last "Human:"), whitespace folded, cut to a preview length.
 */
export function promptPreview(prompt: Text): string {
  let text: string;
  if (typeof prompt === 'string') {
    const human = prompt.lastIndexOf('Human:');
    text = human >= 0 ? prompt.slice(human + 'Human:'.length).split(/\n\nAssistant:/)[0] ?? '' : prompt;
  } else {
    const lastUser = [...prompt].reverse().find((m) => m.role === 'user' || m.role === 'human');
    text = (lastUser ?? prompt[prompt.length - 1])?.content ?? '';
  }
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > PREVIEW_CHARS ? `${folded.slice(0, PREVIEW_CHARS - 1)}…` : folded;
}
