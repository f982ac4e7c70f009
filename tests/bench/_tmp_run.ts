import { benchCandidates, benchInput } from './candidates.bench.js';
import { computeCandidates } from '../../main/reclamation/candidates.js';
const input = benchInput(1_000_000);
const out = computeCandidates(input);
const counts: Record<string, number> = {};
for (const c of out) counts[c.status] = (counts[c.status] ?? 0) + 1;
console.log(out.length, counts, out[0], out[out.length-1]);
console.log(await benchCandidates());
