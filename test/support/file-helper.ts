// A credential helper that keeps each server's store payload in a file, byte for byte, as a
// `docker-credential-<name>` on a PATH of its own (a Node script run by this Node). Slower than a
// shell script but exact: what `get` prints is what `store` read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fakeHelperDir, FakeHelperDir } from './fake-helper';

const SCRIPT = `
const fs = require('fs'), path = require('path');
const dir = process.argv[2], action = process.argv[3];
const input = fs.readFileSync(0);
const file = (url) => path.join(dir, Buffer.from(url).toString('hex') + '.json');
const notFound = () => { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); };
if (action === 'store') fs.writeFileSync(file(JSON.parse(input.toString('utf8')).ServerURL), input);
else if (action === 'get') { try { process.stdout.write(fs.readFileSync(file(input.toString('utf8')))); } catch { notFound(); } }
else if (action === 'erase') { try { fs.unlinkSync(file(input.toString('utf8'))); } catch { notFound(); } }
else if (action === 'list') process.stdout.write('{}');
`;

export interface FileHelper extends FakeHelperDir {
  /** The helper's name (`docker-credential-<name>` on `path`). */
  name: string;
  /** What the helper holds for `url`: the stored JSON's Username and Secret, or undefined. */
  held(url: string): { username: string; secret: string } | undefined;
}

export function fileHelper(name = 'file'): FileHelper {
  const fakes = fakeHelperDir();
  const store = path.join(fakes.dir, 'store');
  fs.mkdirSync(store);
  const script = path.join(fakes.dir, 'helper.js');
  fs.writeFileSync(script, SCRIPT);
  fakes.write(name, `exec '${process.execPath}' '${script}' '${store}' "$1"`);
  return {
    ...fakes,
    name,
    held(url) {
      try {
        const v = JSON.parse(fs.readFileSync(path.join(store, `${Buffer.from(url).toString('hex')}.json`), 'utf8')) as { Username: string; Secret: string };
        return { username: v.Username, secret: v.Secret };
      } catch {
        return undefined;
      }
    },
  };
}
