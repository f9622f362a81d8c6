// Tests entry of the untrusted-workspace suite: started by `npm run test:integration` with --untrusted
// (the workspace folder opens in restricted mode) on test/fixtures/untrusted-workspace.
import { runSuite } from '../integration/index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
