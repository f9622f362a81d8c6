/** wrong-type: a field the client decodes holds a JSON type Go cannot decode into it. */
import { JSONPath } from 'jsonc-parser';
import { ClientId, clientOf } from '../clients';
import { canonicalField, canonicalTopLevel, GoType, PROXY_FIELDS } from '../docker/schema';
import { t } from '../l10n';
import { JsonValue, Prop, pathOf, propsOf } from '../json/reader';
import { defineRule } from './types';

/** What a value must be: a Go type of the schema, or one part of it. */
type Expected = GoType | 'object';
type Wrong = { name: string; expected: string; actual: string };

export const wrongType = defineRule({
  meta: {
    id: 'wrong-type',
    title: () => t('A known field has the wrong JSON type'),
    severity: 'error',
    messages: {
      rootIgnored: { text: (d: { actual: string }) => t('The file must hold a JSON object, not {0}. Docker prints "WARNING: Error parsing config file", ignores the whole file and pulls with no credentials.', jsonTypeName(d.actual)) },
      rootRefused: { text: (d: { actual: string; client: ClientId }) => t('The text must hold a JSON object, not {0}. {1}', jsonTypeName(d.actual), clientOf(d.client).says.unreadable()) },
      partialLoad: {
        text: (d: Wrong) =>
          t('"{0}" must be {1}, not {2}. Docker prints "WARNING: Error parsing config file (…): json: cannot unmarshal …", drops this value and decodes no "auth" value of the file (they go to the registry undecoded); podman and skopeo refuse the file.', d.name, typeName(d.expected), jsonTypeName(d.actual)),
      },
      refused: { text: (d: Wrong & { client: ClientId }) => t('"{0}" must be {1}, not {2}. {3}', d.name, typeName(d.expected), jsonTypeName(d.actual), clientOf(d.client).says.typeRefusal?.() ?? '') },
    },
  },
  check(ctx) {
    const { model, client } = ctx;
    const root = model.root;
    if (!root || root.type === 'null') return;
    if (root.type !== 'object') {
      if (client.unreadable === 'ignored') ctx.report({ node: root, path: [], messageId: 'rootIgnored', data: { actual: root.type } });
      else ctx.report({ node: root, path: [], messageId: 'rootRefused', data: { actual: root.type, client: client.id } });
      return;
    }
    const wrong = (node: JsonValue, path: JSONPath, expected: Expected) => {
      const data = { name: path.join('.'), expected, actual: node.type };
      if (client.wrongType === 'partial-load') ctx.report({ node, path, messageId: 'partialLoad', data });
      else ctx.report({ node, path, messageId: 'refused', data: { ...data, client: client.id } });
    };
    for (const prop of model.topProps) {
      const field = canonicalTopLevel(prop.key);
      if (field && Object.prototype.hasOwnProperty.call(client.topLevel, field)) checkGoType(client.typedEntryFields, wrong, prop, client.topLevel[field]);
    }
  },
});

type Wrongly = (node: JsonValue, path: JSONPath, expected: Expected) => void;

/** Go decodes null into anything as "leave unset", so null is never a wrong type. */
function isType(node: JsonValue, type: 'string' | 'object' | 'array'): boolean {
  return node.type === type || node.type === 'null';
}

function checkStringMap(wrong: Wrongly, value: JsonValue, path: JSONPath): void {
  if (!isType(value, 'object')) return wrong(value, path, 'object-of-strings');
  for (const p of propsOf(value)) if (!isType(p.value, 'string')) wrong(p.value, [...path, p.key], 'string');
}

function checkGoType(entryFields: readonly string[], wrong: Wrongly, prop: Prop, type: GoType): void {
  const value = prop.value;
  const path = pathOf(prop);
  switch (type) {
    case 'string':
      if (!isType(value, 'string')) wrong(value, path, type);
      return;
    case 'object-of-strings':
      return checkStringMap(wrong, value, path);
    case 'array-of-strings':
      if (!isType(value, 'array')) return wrong(value, path, type);
      (value.items ?? []).forEach((item, i) => {
        if (!isType(item, 'string')) wrong(item, [...path, i], 'string');
      });
      return;
    case 'object-of-objects-of-strings':
      if (!isType(value, 'object')) return wrong(value, path, type);
      for (const p of propsOf(value)) checkStringMap(wrong, p.value, [...path, p.key]);
      return;
    case 'proxies':
      if (!isType(value, 'object')) return wrong(value, path, type);
      for (const p of propsOf(value)) {
        if (!isType(p.value, 'object')) {
          wrong(p.value, [...path, p.key], 'object');
          continue;
        }
        for (const q of propsOf(p.value)) {
          if (canonicalField(q.key, PROXY_FIELDS) && !isType(q.value, 'string')) wrong(q.value, [...path, p.key, q.key], 'string');
        }
      }
      return;
    case 'auths':
      if (!isType(value, 'object')) return wrong(value, path, type);
      for (const entry of propsOf(value)) {
        if (!isType(entry.value, 'object')) {
          wrong(entry.value, pathOf(entry), 'object');
          continue;
        }
        for (const f of propsOf(entry.value)) {
          if (f.value.type !== 'string' && f.value.type !== 'null' && canonicalField(f.key, entryFields)) wrong(f.value, pathOf(f), 'string');
        }
      }
      return;
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case 'string':
      return t('a string');
    case 'object-of-strings':
      return t('an object of strings');
    case 'array-of-strings':
      return t('an array of strings');
    case 'object-of-objects-of-strings':
      return t('an object of objects of strings');
    case 'auths':
      return t('an object of registry entries');
    case 'proxies':
      return t('an object of proxy settings');
    default:
      return t('an object');
  }
}

/** A JSON type as the messages name it. */
function jsonTypeName(type: string): string {
  return type === 'array' ? t('an array') : type === 'object' ? t('an object') : type === 'string' ? t('a string') : type === 'number' ? t('a number') : type === 'boolean' ? t('a boolean') : type;
}
