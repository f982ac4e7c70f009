import { benchInput } from './candidates.bench.js';
import { computeCandidates } from '../../main/reclamation/candidates.js';
const input = benchInput(1_000_000);
for (let i = 0; i < 4; i++) { const t = performance.now(); computeCandidates(input); console.log(performance.now() - t); }
const inp2 = { ...input, previous: [] };
for (let i = 0; i < 3; i++) { const t = performance.now(); computeCandidates(inp2); console.log('noprev', performance.now() - t); }
const inp3 = { ...input, previous: [], exclusions: [] };
for (let i = 0; i < 3; i++) { const t = performance.now(); computeCandidates(inp3); console.log('noprev noexcl', performance.now() - t); }
