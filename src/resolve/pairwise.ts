/** Pairwise precision / recall / F1 of a clustering over article pairs that share a label (gold ids only). */
export function pairwiseF1(gold: ReadonlyMap<string, string>, pred: ReadonlyMap<string, string>) {
  const ids = [...gold.keys()];
  let tp = 0;
  let goldPairs = 0;
  let predPairs = 0;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const g = gold.get(ids[i]!) === gold.get(ids[j]!);
      const pi = pred.get(ids[i]!);
      const p = pi !== undefined && pi === pred.get(ids[j]!);
      if (g) goldPairs++;
      if (p) predPairs++;
      if (g && p) tp++;
    }
  const precision = predPairs ? tp / predPairs : 1;
  const recall = goldPairs ? tp / goldPairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, goldPairs, predPairs };
}
