/** Entry of the `seatwise` command (bundled to out/main/cli.js). */
import { main } from './cli/index.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`seatwise: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
