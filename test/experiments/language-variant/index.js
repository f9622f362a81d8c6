// Tests entry of the language-variant experiment (test/experiments/language-variant.mjs), run by
// test/host/runner.mjs inside the real editor. Plain CommonJS: no build step. Every check is a mocha test; a
// failing check is recorded, not fatal: run() resolves once all ran and the results are in DCG_LV_OUT.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
  const out = process.env.DCG_LV_OUT;
  if (!out) return Promise.reject(new Error('DCG_LV_OUT must be set (by test/experiments/language-variant.mjs)'));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 40_000 });
  mocha.addFile(path.join(__dirname, 'checks.test.js'));
  const results = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      fs.writeFileSync(out, JSON.stringify(results, null, 2));
      results.length > 0 ? resolve() : reject(new Error('no check ran'));
    });
    // The test title starts with the check id, e.g. "(b) schema completion"; a check may leave a note in this.test.detail.
    const id = (t) => /^\(([^)]+)\)/.exec(t.title)?.[1] ?? t.title;
    runner.on('pass', (t) => results.push({ id: id(t), title: t.title, ok: true, detail: t.detail ?? '' }));
    runner.on('pending', (t) => results.push({ id: id(t), title: t.title, ok: null, detail: 'not applicable' }));
    runner.on('fail', (t, err) => results.push({ id: id(t), title: t.title, ok: false, detail: String(err && err.message).split('\n')[0] }));
  });
};
