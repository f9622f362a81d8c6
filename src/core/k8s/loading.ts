/**
 * The yaml library, loaded on first use so that activation and plain JSON configs never pay for it:
 * dist/yaml.js next to the bundle (scripts/build.mjs), else the npm package (tests from out/).
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as YamlLib from 'yaml';
import type { Scalar } from 'yaml';

let yamlLib: typeof YamlLib | undefined;

export function yaml(): typeof YamlLib {
  if (!yamlLib) {
    const bundled = path.join(__dirname, 'yaml.js');
    const id = fs.existsSync(bundled) ? bundled : 'yaml';
    yamlLib = require(id) as typeof YamlLib;
  }
  return yamlLib;
}

export const isScalar = (n: unknown): n is Scalar => yaml().isScalar(n);
