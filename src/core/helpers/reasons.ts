// Why a credential helper failed, in our words. A helper's own error text is never shown: it may
// hold a secret in a form no scrubbing knows (docker-credential-pass prints the base64 of the server
// URL, a hostile helper anything). Known messages of the common helpers (docker-credential-helpers'
// pass, secretservice, osxkeychain, wincred; cloud helpers' "not implemented") map to a fixed reason.
import { t } from '../l10n';

/** What a helper is asked to do (docker-credential-helpers: `docker-credential-<name> <action>`). */
export type HelperAction = 'store' | 'get' | 'erase' | 'list' | 'version';

/** Only the start of the output is looked at (every known message is short). */
const LOOK_AT_CHARS = 64 * 1024;

interface KnownReason {
  /** Lower-case fragments; any one of them in the helper's output selects this reason. */
  says: readonly string[];
  reason: (action: HelperAction) => string;
}

// First match wins: the more specific fragments come first.
const KNOWN: readonly KnownReason[] = [
  // Go's exec: `exec: "pass": executable file not found in $PATH`
  { says: ['executable file not found'], reason: () => t('a program the helper runs (such as pass or gpg) is not on PATH') },
  { says: ['pinentry', 'inappropriate ioctl for device'], reason: () => t('GPG needs a passphrase and cannot ask for it here; unlock the key (gpg-agent) first') },
  // pass: `password store is empty. Try "pass init".`, `You must run: pass init your-gpg-id`
  { says: ['pass not initialized', 'password store is empty', 'pass init'], reason: () => t('the pass password store is not initialised; run "pass init <gpg-id>"') },
  // docker-credential-helpers#102: the store was made for a GPG key this machine (or GNUPGHOME) lacks
  { says: ['no secret key', 'decryption failed'], reason: () => t('GPG cannot decrypt the password store: the secret key is missing or locked') + t('; import the secret key the store was initialised for ("gpg --import"), or run "pass init <gpg-id>" with a key you have') },
  { says: ['no public key', 'encryption failed'], reason: () => t('GPG cannot encrypt for the key of the password store: the public key is missing') + t('; import the secret key the store was initialised for ("gpg --import"), or run "pass init <gpg-id>" with a key you have') },
  { says: ['is not in the password store'], reason: () => t('the password store has no entry for this server') },
  { says: ['no usernames for'], reason: () => t('the password store holds an entry for this server without a username') },
  { says: ['d-bus', 'dbus', 'org.freedesktop.secrets', 'secret service'], reason: () => t('no D-Bus session or no secret service (a keyring such as gnome-keyring) is reachable') + t('; over SSH or in CI there is none: start one ("dbus-run-session" with "gnome-keyring-daemon --unlock"), or set credsStore to a helper that needs none, such as pass') },
  // docker-credential-helpers#82: osxkeychain over SSH, in CI or from a launchd job
  { says: ['user interaction is not allowed'], reason: () => t('the macOS keychain is locked and cannot ask to be unlocked here (an SSH session, CI or a background job); run "security unlock-keychain" first') },
  // wincred from a service, a scheduled task or an SSH session without the user's logon session
  { says: ['a specified logon session does not exist'], reason: () => t('Windows Credential Manager is not available in this logon session (a service, a scheduled task or an SSH session); run docker in the user\'s own interactive session, or set credsStore to another helper') },
  { says: ['is locked'], reason: () => t('the keychain or keyring is locked') },
  { says: ['not implemented'], reason: (action) => t('the helper does not implement "{0}"', action) },
  { says: ['no credentials server url'], reason: () => t('the helper was given no server URL') },
  { says: ['permission denied', 'access is denied'], reason: () => t('permission denied') },
];

/** The fixed reason for a known helper message in `output`, or undefined. Linear in the output. */
export function knownReason(output: string, action: HelperAction): string | undefined {
  const text = output.slice(0, LOOK_AT_CHARS).toLowerCase();
  for (const k of KNOWN) if (k.says.some((s) => text.includes(s))) return k.reason(action);
  return undefined;
}
