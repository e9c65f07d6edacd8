/**
 * Attachments on real judge outputs from ../shared/data (skipped with a notice when it is absent):
 * PandaLM's GPT-3.5 verdicts joined by idx, and LLMBar's evaluator results joined by record order.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { attachScores } from '../../../../src/core/attachments/attachScores.ts';
import type { FormatPair } from '../../../../src/core/formats/formatAdapter.ts';
import { readPairAt } from '../../../../src/core/indexing/pairReader.ts';
import { PairFlag } from '../../../../src/core/store/schema.ts';
import { sharedDataFile, skipUnlessSharedData } from '../../sharedData.ts';
import { allRows, fixture, workspace } from './attachmentTestKit.ts';

const space = workspace();
after(() => space.remove());

const PANDALM = 'pandalm/testset-v1.json';
const GPT_JUDGE = 'pandalm/gpt-3.5-turbo-testset-v1.json';

test('PandaLM judged by GPT-3.5: 974 verdicts and reasons join by idx, oriented to each pair; the 25 "garbage" verdicts reported at their lines', {
  skip: skipUnlessSharedData(PANDALM) || skipUnlessSharedData(GPT_JUDGE),
}, async () => {
  const dataset = sharedDataFile(PANDALM);
  const judgeFile = sharedDataFile(GPT_JUDGE);
  const { store } = await space.index(dataset);
  try {
    const report = await attachScores(store, dataset, { path: judgeFile, mappingPath: fixture('pandalm-gpt35-verdicts.json') });
    assert.deepEqual([report.records, report.matched, report.unmatched, report.problemCount], [999, 974, 25, 25]);
    assert.deepEqual(report.judges, ['gpt-3.5-turbo']);
    const judgeLines = readFileSync(judgeFile, 'utf8').split('\n');
    for (const problem of report.problems) {
      assert.equal(problem.reason, `field 'gpt_result' has value "garbage", which the table of 'critiques.gpt-3.5-turbo.verdict' in ${fixture('pandalm-gpt35-verdicts.json')} does not list (it lists "1", "2", "Tie")`);
      // The line is where that judge record starts: its verdict is two lines further down.
      assert.equal(judgeLines[problem.line - 1]?.trim(), '{');
      assert.match(judgeLines[problem.line + 1] ?? '', /"gpt_result": "garbage"/);
    }
    // Verdicts in chosen/rejected terms: against the majority of the three annotators (counted
    // independently: a human tie keeps response1 as chosen).
    const verdicts = Object.fromEntries(
      (store.db.prepare('SELECT verdict, count(*) AS n FROM attached_critiques GROUP BY verdict').all() as { verdict: string; n: number }[]).map((row) => [row.verdict, row.n]),
    );
    assert.deepEqual(verdicts, { chosen: 734, rejected: 202, tie: 38 });
    assert.equal(allRows(store).filter((row) => row.flags & PairFlag.hasCritique).length, 974);

    const judged = new Map((JSON.parse(readFileSync(judgeFile, 'utf8')) as { idx: number; gpt_result: string; gpt_reason: string }[]).map((r) => [String(r.idx), r]));
    for (const row of allRows(store).slice(0, 200)) {
      const pair = await readPairAt(dataset, store, row);
      const raw = judged.get(pair.id ?? '');
      assert.ok(raw);
      if (!['1', '2', 'Tie'].includes(raw.gpt_result)) {
        assert.deepEqual(pair.critiques, {});
        continue;
      }
      // readPairAt returns the adapter's pair, which says which response the file shows first.
      const firstIsChosen = (pair as FormatPair).firstResponse === 'chosen';
      const expected = raw.gpt_result === 'Tie' ? 'tie' : (raw.gpt_result === '1') === firstIsChosen ? 'chosen' : 'rejected';
      assert.deepEqual(pair.critiques['gpt-3.5-turbo'], { pair: raw.gpt_reason, verdict: expected }, `idx ${pair.id}`);
    }
  } finally {
    store.close();
  }
});

const NATURAL = 'llmbar/Natural';

test('LLMBar: twelve evaluators attached by record order with one mapping; verdicts agree with the gold label as often as the dataset mapping reads them', {
  skip: skipUnlessSharedData(`${NATURAL}/evaluators/GPT-4/CoT/result.json`),
}, async () => {
  const dataset = sharedDataFile(`${NATURAL}/dataset.json`);
  const root = sharedDataFile(`${NATURAL}/evaluators`);
  const files = readdirSync(root).flatMap((llm) => readdirSync(`${root}/${llm}`).map((strategy) => `${root}/${llm}/${strategy}/result.json`));
  assert.equal(files.length, 12);
  const { store } = await space.index(dataset);
  try {
    for (const path of files) {
      const report = await attachScores(store, dataset, { path, mappingPath: fixture('llmbar-evaluator.json') });
      assert.deepEqual([report.records, report.matched, report.problemCount], [100, 100, 0], path);
    }
    const agreement = (evaluator: string) => {
      const rows = store.db
        .prepare('SELECT verdict, count(*) AS n FROM attached_critiques WHERE judge IN (?, ?) AND verdict IS NOT NULL GROUP BY verdict')
        .all(evaluator, `${evaluator}, swapped`) as { verdict: string; n: number }[];
      const count = (verdict: string) => rows.find((row) => row.verdict === verdict)?.n ?? 0;
      return `${count('chosen')}/${count('chosen') + count('rejected') + count('tie')}`;
    };
    // The same figures as reading the evaluator files with the dataset mapping (mapping.test.ts).
    assert.equal(agreement('GPT-4/CoT'), '189/200');
    assert.equal(agreement('GPT-4/Rating'), '184/200');
    assert.equal(agreement('PaLM2/Vanilla'), '166/196');
    assert.equal(agreement('ChatGPT/CoT'), '148/199');
    assert.deepEqual(store.modelNames(), ['ChatGPT/Rating rating', 'GPT-4/Rating rating']);
    assert.equal(store.scoreColumns(1).chosen.filter(Number.isFinite).length, 100);

    // The first pair as the editor shows it: the gold label decides chosen, every judge's word is there.
    const first = await readPairAt(dataset, store, store.pairByOrd(0)!);
    assert.equal(Object.keys(first.critiques).length, 24);
    assert.deepEqual(first.scores['GPT-4/Rating rating'], { chosen: 6, rejected: 1 });
  } finally {
    store.close();
  }
});
