// Tests of schemas/docker-config.schema.json: well-formed draft-07, documents every field docker/cli knows (the
// same list as the linter's src/core/schema.ts) and, run through VS Code's own JSON language service, never reports
// a diagnostic (the linter reports wrong types and unknown keys itself: no diagnostic twice), completes helper names
// and is picked by fileMatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import {
  getLanguageService,
  TextDocument,
  type JSONSchema,
  type LanguageService,
} from 'vscode-json-languageservice';
import { AUTH_ENTRY_FIELDS, PROXY_FIELDS, REMOVED_TOP_LEVEL, suggestEntryField, suggestTopLevel, TOP_LEVEL_FIELDS, type GoType } from '../../src/core/docker/schema';

const root = path.resolve(__dirname, '../../..');
const schemaPath = path.join(root, 'schemas/docker-config.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as JSONSchema & Record<string, any>;
const props = schema.properties as Record<string, any>;
const authEntry = schema.definitions!.authEntry as Record<string, any>;

// docker/cli cli/config/configfile/file.go ConfigFile (json tags); the linter's list must hold them all.
const CONFIG_FILE_FIELDS = [
  'auths', 'HttpHeaders', 'psFormat', 'imagesFormat', 'networksFormat', 'pluginsFormat', 'volumesFormat',
  'statsFormat', 'detachKeys', 'credsStore', 'credHelpers', 'serviceInspectFormat', 'servicesFormat',
  'tasksFormat', 'secretFormat', 'configFormat', 'nodesFormat', 'pruneFilters', 'proxies', 'currentContext',
  'cliPluginsExtraDirs', 'plugins', 'aliases', 'features',
];
const DEPRECATED = new Set(['experimental', ...REMOVED_TOP_LEVEL]);
// How the hover names each Go type.
const TYPE_TEXT: Record<GoType, string> = {
  string: 'Type: string.',
  'object-of-strings': 'Type: object of strings.',
  'array-of-strings': 'Type: array of strings.',
  'object-of-objects-of-strings': 'Type: object of objects of strings.',
  auths: 'Type: object (registry key',
  proxies: 'Type: object (`"default"` or daemon address',
};
// Keywords with which a schema would report something: our linter owns all of those findings.
const VALIDATING = ['type', 'enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'contains',
  'minProperties', 'maxProperties', 'required', 'dependencies', 'not', 'anyOf', 'oneOf', 'allOf', 'if',
  'deprecationMessage', 'errorMessage'];
// VS Code's JSON schema extensions to draft-07.
const VSCODE_KEYWORDS = [
  'markdownDescription', 'defaultSnippets', 'doNotSuggest', 'deprecationMessage', 'enumDescriptions',
  'markdownEnumDescriptions', 'errorMessage', 'patternErrorMessage', 'suggestSortText', 'allowComments',
  'allowTrailingCommas',
];
// Where json-language-features would put the schema (jsonValidation fileMatch gets a leading '/').
const DEFAULT_FILE_MATCH = ['**/.docker/config.json'];

const REALISTIC = {
  auths: {
    'https://index.docker.io/v1/': {},
    'ghcr.io': { auth: 'dXNlcjpnaHBfdG9rZW4=' },
    'registry.example.com:5000': { username: 'ci', password: 's3cret', email: 'ci@example.com' },
    'myregistry.azurecr.io': { identitytoken: 'eyJhbGciOi...' },
  },
  credsStore: 'desktop',
  credHelpers: { '123456789012.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login', 'gcr.io': 'gcloud', 'localhost:5000': '' },
  HttpHeaders: { 'X-Meta-Source': 'client' },
  psFormat: 'table {{.ID}}\\t{{.Image}}\\t{{.Status}}',
  imagesFormat: 'table {{.Repository}}\\t{{.Tag}}',
  serviceInspectFormat: 'pretty',
  detachKeys: 'ctrl-e,e',
  pruneFilters: ['until=24h', 'label!=keep'],
  proxies: {
    default: { httpProxy: 'http://proxy:3128', httpsProxy: 'http://proxy:3128', noProxy: 'localhost,.corp' },
    'tcp://docker-daemon1.example.com:2376': { allProxy: 'socks5://proxy:1080', ftpProxy: 'http://proxy:3128' },
  },
  currentContext: 'desktop-linux',
  cliPluginsExtraDirs: ['/opt/homebrew/lib/docker/cli-plugins'],
  plugins: { '-x-cli-hints': { enabled: 'true' }, scout: { hooks: 'pull,buildx build' } },
  aliases: { builder: 'buildx' },
  features: { hooks: 'true' },
};

function ajv() {
  // strictTypes off: the schema deliberately has no "type" (see the test below); strict otherwise.
  const a = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  a.addVocabulary(VSCODE_KEYWORDS);
  return a;
}

function fileMatch(): string[] {
  // Use the package's own jsonValidation entry once it exists, so the test checks what ships.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const entry = (pkg.contributes?.jsonValidation ?? []).find((v: { url?: string }) =>
    typeof v.url === 'string' && v.url.endsWith('schemas/docker-config.schema.json'));
  const matches: string[] = entry ? [].concat(entry.fileMatch) : DEFAULT_FILE_MATCH;
  return matches.map((m) => (/^(\w+:\/\/|\/|!)/.test(m) ? m : '/' + m));
}

function service(): LanguageService {
  const ls = getLanguageService({});
  ls.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: 'file:///ext/schemas/docker-config.schema.json', fileMatch: fileMatch(), schema }],
  });
  return ls;
}

const HOME_CONFIG = 'file:///home/dev/.docker/config.json';

async function diagnostics(ls: LanguageService, text: string, uri = HOME_CONFIG) {
  const doc = TextDocument.create(uri, 'json', 1, text);
  return ls.doValidation(doc, ls.parseJSONDocument(doc), { schemaValidation: 'warning', trailingCommas: 'error', comments: 'error' });
}

async function complete(ls: LanguageService, textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const doc = TextDocument.create(HOME_CONFIG, 'json', 1, text);
  const list = await ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc));
  return list?.items ?? [];
}

/** Calls visit on every subschema of the schema (properties, definitions, items, ...). */
function walk(s: unknown, visit: (node: Record<string, any>, where: string) => void, where = '#') {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return;
  const node = s as Record<string, any>;
  visit(node, where);
  for (const key of ['properties', 'definitions', 'patternProperties']) {
    for (const [name, sub] of Object.entries(node[key] ?? {})) walk(sub, visit, `${where}/${key}/${name}`);
  }
  for (const key of ['additionalProperties', 'items', 'propertyNames', 'not', 'if', 'then', 'else']) {
    walk(node[key], visit, `${where}/${key}`);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    (node[key] ?? []).forEach((sub: unknown, i: number) => walk(sub, visit, `${where}/${key}/${i}`));
  }
}

test('schema is well-formed JSON Schema draft-07 (VS Code keywords only as extras)', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const a = ajv();
  assert.equal(a.validateSchema(schema), true, a.errorsText(a.errors));
  a.compile(schema); // strict mode: throws on unknown keywords, bad $ref, ...
});

test('documents every field the linter knows (docker/cli ConfigFile, auth entry, proxy), with its type', () => {
  for (const field of CONFIG_FILE_FIELDS) assert.ok(field in TOP_LEVEL_FIELDS, `src/core/schema.ts lacks ${field}`);
  for (const [field, goType] of Object.entries(TOP_LEVEL_FIELDS)) {
    const p = props[field];
    assert.ok(p?.description, `${field}: no description`);
    if (DEPRECATED.has(field)) {
      assert.equal(p.doNotSuggest, true, `${field} is offered by completion`);
      continue;
    }
    assert.ok(!p.doNotSuggest, `${field} is hidden from completion`);
    assert.ok(p.markdownDescription.includes(TYPE_TEXT[goType]), `${field}: hover does not say "${TYPE_TEXT[goType]}"`);
    const guided = p.examples || p.defaultSnippets || p.properties || p.items?.examples || p.propertyNames?.examples;
    assert.ok(guided, `${field} has no examples or snippets`);
  }
  for (const field of REMOVED_TOP_LEVEL) assert.ok(props[field]?.description, `removed ${field}: no description`);
  for (const field of AUTH_ENTRY_FIELDS) assert.ok(authEntry.properties[field]?.description, `auth entry: ${field}`);
  const proxy = schema.definitions!.proxyConfig as Record<string, any>;
  assert.equal(props.proxies.properties.default.$ref, '#/definitions/proxyConfig');
  assert.equal(props.proxies.additionalProperties.$ref, '#/definitions/proxyConfig');
  for (const field of PROXY_FIELDS) assert.ok(proxy.properties[field]?.markdownDescription.includes('Type: string.'), field);
  for (const helper of ['desktop', 'osxkeychain', 'wincred', 'pass', 'secretservice', 'ecr-login', 'gcloud']) {
    assert.ok(props.credsStore.examples.includes(helper), `credsStore example ${helper}`);
  }
  assert.ok(props.detachKeys.examples.includes('ctrl-p,ctrl-q'));
  assert.ok(props.psFormat.examples.some((f: string) => f.startsWith('table {{.ID}}\\t{{.Image}}')));
});

test('schema validates nothing (wrong types, unknown keys and auth entries are the linter\'s findings)', () => {
  walk(schema, (node, where) => {
    for (const kw of VALIDATING) assert.equal(node[kw], undefined, `${where} has "${kw}"`);
    assert.notEqual(node.additionalProperties, false, `${where}: additionalProperties: false`);
    assert.ok(!('$ref' in node) || Object.keys(node).length === 1, `${where}: $ref siblings are overwritten by VS Code`);
  });
});

test('a realistic config: valid, no diagnostics, and a hover on every key it uses', async () => {
  const validate = ajv().compile(schema);
  assert.equal(validate(REALISTIC), true, JSON.stringify(validate.errors));
  const ls = service();
  const text = JSON.stringify(REALISTIC, null, '\t');
  assert.deepEqual(await diagnostics(ls, text), []);
  const doc = TextDocument.create(HOME_CONFIG, 'json', 1, text);
  const keys = new Set([...text.matchAll(/"([^"]+)":/g)].map((m) => m[1]));
  const registries = [...Object.keys(REALISTIC.auths), ...Object.keys(REALISTIC.credHelpers)];
  for (const key of keys) {
    if (registries.includes(key) || key === 'X-Meta-Source' || key.includes('docker-daemon1') || key === 'scout' || key === '-x-cli-hints' || key === 'enabled') continue;
    const hover = await ls.doHover(doc, doc.positionAt(text.indexOf(`"${key}":`) + 1), ls.parseJSONDocument(doc));
    assert.ok(hover && JSON.stringify(hover.contents).length > 20, `no documentation for "${key}"`);
  }
});

test('no schema diagnostic where the linter reports one', async () => {
  const broken = {
    auths: { 'docker.io': 'not-an-object', 'ghcr.io': { auth: 42, username: [], password: {}, identitytoken: 1,
      registrytoken: true, email: null, serveraddress: 7, extra: 'x' }, 'quay.io': null },
    credsStore: 5,
    credHelpers: { 'gcr.io': 1, '*.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
    psFormat: 5, imagesFormat: null, detachKeys: ['ctrl-p'], HttpHeaders: { 'X-A': 1 }, pruneFilters: 'until=24h',
    proxies: { default: { httpProxy: true }, other: 'x' }, plugins: { x: 'y' }, aliases: [], features: { hooks: true },
    currentContext: {}, cliPluginsExtraDirs: [1],
    credStore: 'pass', CredsStore: 'pass', stackOrchestrator: 'swarm', experimental: 'enabled', somethingElse: [1, 2],
  };
  const ls = service();
  assert.deepEqual(await diagnostics(ls, JSON.stringify(broken, null, 2)), []);
  assert.deepEqual(await diagnostics(ls, '{"auths": [], "credHelpers": "ecr-login"}'), []);
  assert.deepEqual(await diagnostics(ls, '["not", "an", "object"]'), []);
});

test('fileMatch picks .docker/config.json, not every config.json', async () => {
  const ls = service();
  const applies = async (uri: string) => {
    const text = '{ "credsStore": "pass" }';
    const doc = TextDocument.create(uri, 'json', 1, text);
    return (await ls.doHover(doc, doc.positionAt(4), ls.parseJSONDocument(doc))) !== null;
  };
  for (const uri of [HOME_CONFIG, 'file:///c%3A/Users/dev/.docker/config.json', 'file:///root/.docker/config.json']) {
    assert.equal(await applies(uri), true, uri);
  }
  for (const uri of ['file:///home/dev/project/config.json', 'file:///home/dev/.docker/config.json.bak',
    'file:///home/dev/.docker/contexts/meta/x/meta.json']) {
    assert.equal(await applies(uri), false, uri);
  }
});

test('completion offers fields, helper names with docs, and hides removed fields', async () => {
  const ls = service();
  const top = (await complete(ls, '{ | }')).map((i) => i.label);
  for (const field of CONFIG_FILE_FIELDS) assert.ok(top.includes(field), `top-level completion lacks ${field}`);
  for (const removed of ['experimental', 'stackOrchestrator', 'kubernetes']) assert.ok(!top.includes(removed), removed);

  const helpers = await complete(ls, '{ "credsStore": | }');
  for (const h of ['"desktop"', '"osxkeychain"', '"wincred"', '"pass"', '"secretservice"', '"ecr-login"', '"gcloud"']) {
    const item = helpers.find((i) => i.label === h);
    assert.ok(item, `credsStore completion lacks ${h}`);
    assert.ok(item.documentation, `${h} has no documentation`);
  }
  const perRegistry = (await complete(ls, '{ "credHelpers": { "gcr.io": | } }')).map((i) => i.label);
  assert.ok(perRegistry.includes('"gcloud"') && perRegistry.includes('"ecr-login"'), perRegistry.join());

  const entry = (await complete(ls, '{ "auths": { "ghcr.io": { | } } }')).map((i) => i.label);
  for (const f of ['auth', 'username', 'password', 'identitytoken', 'registrytoken']) assert.ok(entry.includes(f), f);

  const keys = (await complete(ls, '{ "auths": { | } }')).map((i) => i.label);
  assert.ok(keys.includes('https://index.docker.io/v1/'), keys.join());
});

test('hover shows the field documentation', async () => {
  const ls = service();
  const text = '{ "credsStore": "pass" }';
  const doc = TextDocument.create(HOME_CONFIG, 'json', 1, text);
  const hover = await ls.doHover(doc, doc.positionAt(text.indexOf('credsStore') + 2), ls.parseJSONDocument(doc));
  const contents = JSON.stringify(hover?.contents);
  assert.match(contents, /docker-credential-<value>/);
});

test('typo suggestions: known misspellings and near misses; never a member of Object.prototype', () => {
  assert.equal(suggestTopLevel('credStore'), 'credsStore');
  assert.equal(suggestTopLevel('credHelper'), 'credHelpers');
  assert.equal(suggestTopLevel('proxeis'), 'proxies');
  assert.equal(suggestEntryField('passwd'), 'password');
  for (const key of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__']) {
    assert.equal(suggestTopLevel(key), undefined, key);
    assert.equal(suggestEntryField(key), undefined, key);
  }
  assert.equal(suggestTopLevel(`${'a.'.repeat(200_000)} `), undefined);
});
