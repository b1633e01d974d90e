// The language the e2e suite runs in, and the extension's own text in that language.
//
// `CP_LOCALE` (default `en-US`) is what Chromium is started with (`--lang` and the Playwright
// locale). Specs never match an English literal of ours: they ask `msg(key, ...args)`, which reads
// extension/_locales/<lang>/messages.json the way chrome.i18n.getMessage does. The emulator's own
// pages (fake dashboard, Salesforce consent) are not ours and stay English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The browser locale of this run: `en-US` or `ja`. */
export const locale = process.env.CP_LOCALE ?? 'en-US';

/** The extension locale folder chrome.i18n picks for `locale`. */
export const lang = locale.split('-')[0];

const locales = path.resolve(import.meta.dirname, '../extension/_locales');
const load = (name) => JSON.parse(readFileSync(path.join(locales, name, 'messages.json'), 'utf8'));
const messages = load(lang);
// chrome.i18n falls back to default_locale for a key the UI language lacks.
const fallback = lang === 'en' ? messages : load('en');

/**
 * The text of a message key in this run's language, as chrome.i18n.getMessage returns it:
 * named placeholders (`$P1$`) resolve to their content (`$1`), which `args` fill, and `$$` is `$`.
 */
export function msg(key, ...args) {
  const entry = messages[key] ?? fallback[key];
  assert.ok(entry, `no message ${key}`);
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    return content ?? whole;
  });
  return named.replace(/\$(\$|\d)/g, (_, c) => (c === '$' ? '$' : (args[Number(c) - 1] ?? '')));
}

/** The English text of a key, whatever the run's language: for the checks that the UI is not English. */
export function englishMsg(key) {
  return fallback[key]?.message;
}

/**
 * A RegExp (unanchored) for `msg(key, ...args)`, where an argument that is itself a RegExp stands
 * for whatever it matches: `msgRe('monitor_budget_remaining', /\d+/, '5000')`.
 */
export function msgRe(key, ...args) {
  const mark = (i) => `\u0000${i}\u0000`;
  let source = escapeRe(msg(key, ...args.map((a, i) => (a instanceof RegExp ? mark(i) : a))));
  args.forEach((a, i) => {
    if (a instanceof RegExp) source = source.replace(mark(i), `(?:${a.source})`);
  });
  return new RegExp(source);
}

/** A RegExp source that matches `text` literally. */
export const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
