import os from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'Seatwise';

/** The OS's own place for application data, matching Electron's app.getPath('userData'). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

/** `--data-dir` wins, then SEATWISE_DATA_DIR, then the OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.SEATWISE_DATA_DIR;
  return path.resolve(chosen && chosen.trim() ? chosen : defaultDataDir(process.platform, env));
}
