// Runs a composite action's steps the way the GitHub Actions runner does, for action.yml's test:
// - `${{ ... }}` in `run`, `env`, `working-directory` and the outputs are evaluated against the inputs (their
//   defaults filled in), `github.*`, `runner.*` and `steps.<id>.outputs.*`; any other expression is an error,
//   so a change to action.yml that this runner cannot follow fails the test instead of passing untested;
// - each `shell: bash` step's script is written to a file in RUNNER_TEMP and run as
//   `bash --noprofile --norc -eo pipefail {0}`, in its working directory (default: the workspace);
// - each step gets a fresh GITHUB_OUTPUT file (read back as that step's outputs, `name=value` and
//   `name<<DELIMITER` forms) and the job's GITHUB_ENV and GITHUB_PATH files (read after each step, as the
//   runner adds them to the next steps' environment);
// - GITHUB_ACTION_PATH, GITHUB_WORKSPACE, RUNNER_TEMP, CI, GITHUB_ACTIONS and INPUT_<NAME> are set (the
//   runner does not promise INPUT_* to the steps of a composite action; action.yml's test checks that its
//   scripts do not read them); a failing step stops the run, as without `continue-on-error`.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export function loadAction(file) {
  return parse(readFileSync(file, 'utf8'));
}

function lookup(context, expression) {
  const m = /^([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)*)$/.exec(expression);
  if (!m) throw new Error(`unsupported expression: \${{ ${expression} }}`);
  let value = context;
  for (const key of expression.split('.')) {
    if (value === null || typeof value !== 'object' || !(key in value)) throw new Error(`unknown in this runner: \${{ ${expression} }}`);
    value = value[key];
  }
  if (typeof value === 'object') throw new Error(`not a value: \${{ ${expression} }}`);
  return String(value);
}

export function evaluate(text, context) {
  return String(text).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e) => lookup(context, e));
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT and GITHUB_ENV. */
export function parseCommandFile(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const end = lines.indexOf(heredoc[2], i + 1);
      if (end < 0) throw new Error(`unterminated ${heredoc[1]}<<${heredoc[2]}`);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    else throw new Error(`malformed command file line: ${line}`);
  }
  return out;
}

/**
 * Runs `action` (parsed action.yml) from `actionPath` on `workspace` with `inputs` (`with:`).
 * `env` is the job's environment (PATH, HOME, ...). Returns the steps' results, the action's outputs,
 * the combined log and whether every step succeeded.
 */
export function runAction({ action, actionPath, workspace, inputs = {}, env, temp }) {
  if (action.runs?.using !== 'composite') throw new Error('not a composite action');
  const withDefaults = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) withDefaults[name] = inputs[name] ?? spec.default ?? '';
  for (const name of Object.keys(inputs)) if (!(name in withDefaults)) throw new Error(`unexpected input ${name}`);
  mkdirSync(temp, { recursive: true });
  const githubEnv = join(temp, 'github_env');
  const githubPath = join(temp, 'github_path');
  writeFileSync(githubEnv, '');
  writeFileSync(githubPath, '');
  const steps = {};
  const context = { inputs: withDefaults, github: { action_path: actionPath, workspace }, runner: { temp, os: 'Linux' }, steps };
  const inputEnv = Object.fromEntries(Object.entries(withDefaults).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
  let jobEnv = { ...env };
  const results = [];
  let log = '';
  let ok = true;
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses) throw new Error(`step ${i}: uses ${step.uses} is not run by this runner`);
    if (step.if !== undefined || step['continue-on-error'] !== undefined) throw new Error(`step ${i}: if/continue-on-error are not run by this runner`);
    if (step.shell !== 'bash') throw new Error(`step ${i}: shell ${step.shell} (only bash here)`);
    const output = join(temp, `output-${i}`);
    writeFileSync(output, '');
    const script = join(temp, `${randomUUID()}.sh`);
    writeFileSync(script, evaluate(step.run, context));
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, context)]));
    const cwd = step['working-directory'] ? evaluate(step['working-directory'], context) : workspace;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      env: {
        ...jobEnv,
        ...inputEnv,
        ...stepEnv,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: temp,
        GITHUB_OUTPUT: output,
        GITHUB_ENV: githubEnv,
        GITHUB_PATH: githubPath,
      },
    });
    log += r.stdout + r.stderr;
    const outputs = parseCommandFile(readFileSync(output, 'utf8'));
    if (step.id) steps[step.id] = { outputs, outcome: r.status === 0 ? 'success' : 'failure' };
    results.push({ name: step.name, status: r.status, stdout: r.stdout, stderr: r.stderr, outputs });
    jobEnv = { ...jobEnv, ...parseCommandFile(readFileSync(githubEnv, 'utf8')) };
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    if (added.length) jobEnv.PATH = [...added, jobEnv.PATH].join(':');
    if (r.status !== 0) {
      ok = false;
      break;
    }
  }
  // The action's outputs are evaluated after its steps, whatever their outcome.
  const outputs = {};
  for (const [name, spec] of Object.entries(action.outputs ?? {})) {
    try {
      outputs[name] = evaluate(spec.value, context);
    } catch {
      outputs[name] = ''; // a step that did not run or did not set it: the runner gives an empty string
    }
  }
  return { ok, steps: results, outputs, log };
}
