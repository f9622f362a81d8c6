/** Where docker looks for its config file (docker/cli config.Dir): $DOCKER_CONFIG, else ~/.docker; and the mode it writes it with. */
import * as os from 'os';
import * as path from 'path';

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG ? path.resolve(env.DOCKER_CONFIG) : path.join(env.HOME || os.homedir(), '.docker');
}

export function dockerConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dockerConfigDir(env), 'config.json');
}

/** The mode docker login gives a new config file (owner only), and the one the file-permissions fix sets. */
export const PRIVATE_FILE_MODE = 0o600;
