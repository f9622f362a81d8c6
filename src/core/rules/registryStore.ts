/**
 * registry-helper-as-store: `credsStore` set to a helper made for one registry family (Amazon ECR, Google, Azure).
 * Docker then asks it for every registry that has no credHelpers entry: the plaintext auths entries of other
 * registries are no longer read (awslabs/amazon-ecr-credential-helper#908, #187) and `docker login` to any of
 * them fails, since such helpers store nothing ("not implemented", amazon-ecr-credential-helper#474).
 */
import { ConfigModel } from '../docker/model';
import { canonicalTopLevel } from '../docker/schema';
import { addProperties, change } from '../json/edits';
import { namedList, t } from '../l10n';
import { defineRule, fixTo, Fix, FixContext } from './types';

type Family = 'ecr' | 'google' | 'azure';

/** Helpers that serve one registry family only, by the name written in the file. */
const FAMILY_OF: Readonly<Record<string, Family>> = {
  'ecr-login': 'ecr',
  gcloud: 'google',
  gcr: 'google',
  'acr-env': 'azure',
  acr: 'azure',
  'acr-linux': 'azure',
  'acr-darwin': 'azure',
  'acr-windows': 'azure',
};

const FAMILY_NAME: Readonly<Record<Family, string>> = { ecr: 'Amazon ECR', google: 'Google Container Registry / Artifact Registry', azure: 'Azure Container Registry' };

export function familyOfHelper(helper: string): Family | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILY_OF, helper) ? FAMILY_OF[helper] : undefined;
}

/** Whether a registry host (host[:port]) belongs to the family. */
export function serves(family: Family, host: string): boolean {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  if (family === 'ecr') return h === 'public.ecr.aws' || /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(h);
  if (family === 'google') return h === 'gcr.io' || h.endsWith('.gcr.io') || h.endsWith('-docker.pkg.dev');
  return /\.azurecr\.(io|cn|us)$/.test(h);
}

type Data = { helper: string; family: string; hosts: string };

export const registryHelperAsStore = defineRule({
  meta: {
    id: 'registry-helper-as-store',
    title: () => t('credsStore set to a helper for one registry family'),
    severity: 'warning',
    messages: {
      store: {
        text: (d: Data) =>
          t('"{0}" serves only {1} registries, but as "credsStore" docker asks it for every registry without a credHelpers entry: the "auths" entries of other registries are no longer read (pulls from them fail with "unauthorized") and "docker login" to them fails ("not implemented"). Set it in "credHelpers" for the {1} hosts, and leave "credsStore" to a general store (desktop, osxkeychain, wincred, pass, secretservice) or unset.', d.helper, d.family),
      },
    },
  },
  check({ model, client, report }) {
    const store = model.credsStore;
    if (!store || client.helpers !== 'all') return;
    const family = familyOfHelper(store.value);
    if (!family) return;
    report({ prop: store.prop, at: 'value', messageId: 'store', data: { helper: store.value, family: FAMILY_NAME[family], hosts: servedHosts(model, family).join('\n') } });
  },
  fixes: moveToCredHelpers,
});

/** The hosts of this file's auths entries and credHelpers keys that the family serves, in document order. */
function servedHosts(model: ConfigModel, family: Family): string[] {
  const hosts = new Set<string>(); // a Set, not a search of the list per entry: thousands of hosts stay linear
  for (const e of model.auths.values()) if (serves(family, e.host)) hosts.add(e.host);
  return [...hosts];
}

/** One edit: a credHelpers entry for each served host that has none, and credsStore removed. */
function moveToCredHelpers({ text, finding, model }: FixContext): Fix[] {
  const store = model.credsStore;
  const hosts = typeof finding.data.hosts === 'string' && finding.data.hosts !== '' ? finding.data.hosts.split('\n') : [];
  if (!store || store.prop.value.offset !== finding.offset || hosts.length === 0) return [];
  const storeKeys = model.topProps.filter((p) => canonicalTopLevel(p.key) === 'credsStore');
  const helperKeys = model.topProps.filter((p) => canonicalTopLevel(p.key) === 'credHelpers');
  // change() edits the first key of a path: only when each key is written once, exactly as docker spells it.
  if (storeKeys.length !== 1 || helperKeys.length > 1 || (helperKeys.length === 1 && (helperKeys[0].key !== 'credHelpers' || helperKeys[0].value.type !== 'object'))) return [];
  // One pass for all hosts (a change() per host re-reads the whole text each time: quadratic for thousands of hosts).
  const added = addProperties(text, ['credHelpers'], hosts.filter((h) => !model.credHelpers.has(h)).map((h) => [h, store.value] as const));
  if (added === undefined) return [];
  const after = change(added, [storeKeys[0].key], undefined);
  return fixTo('helper-to-cred-helpers', t('Use "{0}" in credHelpers for {1} and unset credsStore', store.value, namedList(hosts, 3)), text, after, true);
}
