import type { SeatwiseService } from '../../../preload/contract.js';
import type { Services } from './services.js';

type Keys = 'profiles:previewImport' | 'profiles:import' | 'reclaim:taskList' | 'candidates:markReclaimed';

export function fileImportHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'profiles:previewImport': async (input) => s.lifecycle.previewImport(input),
    'profiles:import': (input) => s.lifecycle.importExport(input, s.manualTrigger),
    'reclaim:taskList': (input) => s.reclamation.taskLists.write(input),
    'candidates:markReclaimed': ({ candidateIds }) => s.reclamation.taskLists.markReclaimed(candidateIds),
  };
}
