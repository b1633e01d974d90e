//! The extension's locale files as `chrome.i18n` reads them, for native tests of translated text:
//! a catalogue per language, `getMessage`'s substitution, and a lookup for the `message_with`
//! methods built on both. What Chrome does beyond filling one message (choosing the language,
//! falling back to `default_locale`) is not modelled.

use std::collections::BTreeMap;

use serde_json::Value;

/// One locale's `extension/_locales/<lang>/messages.json`, by key.
pub fn catalogue(lang: &str) -> BTreeMap<String, Value> {
    let path = format!(
        "{}/extension/_locales/{lang}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `chrome.i18n.getMessage(key, args)` over one catalogue entry. First every `$name$` becomes its
/// placeholder's `content` (names compared without case; an undefined one is an error, as Chrome
/// refuses the bundle); then `$1`…`$9` take the arguments, a run of n+1 `$` gives n `$`, and a `$`
/// before anything else is dropped with that character. Argument text is not read again.
pub fn get_message(key: &str, entry: &Value, args: &[&str]) -> String {
    let message = entry["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{key}: no message"));
    let mut named = message.to_owned();
    let mut from = 0;
    while let Some(open) = named[from..].find('$').map(|i| from + i) {
        let Some(close) = named[open + 1..].find('$').map(|i| open + 1 + i) else {
            break;
        };
        let name = &named[open + 1..close];
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@');
        if !valid {
            from = open + 1;
            continue;
        }
        let content = entry["placeholders"][name.to_ascii_lowercase()]["content"]
            .as_str()
            .unwrap_or_else(|| panic!("{key}: ${name}$ has no placeholder"))
            .to_owned();
        named.replace_range(open..=close, &content);
        from = open + content.len();
    }
    let mut out = String::new();
    let mut chars = named.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('$') => {
                out.push('$');
                while chars.next_if_eq(&'$').is_some() {
                    out.push('$');
                }
            }
            Some(d @ '1'..='9') => {
                let index = d as usize - '1' as usize;
                out.push_str(args.get(index).copied().unwrap_or_default());
            }
            _ => {}
        }
    }
    out
}

/// A lookup over one language, as the UI's `t_with` is: for `message_with` methods and for the
/// import calls that store translated text. A key the language lacks fails the test.
pub fn lookup(lang: &str) -> impl Fn(&str, &[&str]) -> String {
    let messages = catalogue(lang);
    let lang = lang.to_owned();
    move |key: &str, args: &[&str]| {
        let entry = messages
            .get(key)
            .unwrap_or_else(|| panic!("{lang} has no {key}"));
        get_message(key, entry, args)
    }
}

/// Both catalogues, and every key a rendering asked for, so a test can prove each template was
/// exercised.
pub struct Locales {
    /// The English catalogue.
    pub en: BTreeMap<String, Value>,
    /// The Japanese catalogue.
    pub ja: BTreeMap<String, Value>,
    /// Keys filled so far.
    pub used: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl Locales {
    /// Reads both catalogues.
    pub fn load() -> Locales {
        Locales {
            en: catalogue("en"),
            ja: catalogue("ja"),
            used: Default::default(),
        }
    }

    /// `getMessage(key, args)` over `lang` (one of the two catalogues), noting `key` as used; a key
    /// missing in either language fails.
    pub fn fill(&self, lang: &BTreeMap<String, Value>, key: &str, args: &[&str]) -> String {
        assert!(self.en.contains_key(key), "en has no {key}");
        assert!(self.ja.contains_key(key), "ja has no {key}");
        self.used.borrow_mut().insert(key.to_owned());
        get_message(key, &lang[key], args)
    }
}

/// Whether `text` has kana or kanji in it.
pub fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// Every message key starting with `prefix` that the source `files` name in double quotes
/// (`"config_error_size"`), paths from the crate root: the keys the code can ask for.
pub fn keys_named_in(
    prefix: &str,
    files: &[std::path::PathBuf],
) -> std::collections::BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let quoted = format!("\"{prefix}");
    let mut keys = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(root.join(file))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (i, _) in text.match_indices(&quoted) {
            let rest = &text[i + 1..];
            keys.insert(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    keys
}

/// Asserts that `en` and `ja` each hold exactly the keys `in_code` among their keys that start with
/// `prefix`, that every one is a valid `chrome.i18n` name, and that both languages give each the
/// same placeholders.
pub fn assert_locales_hold(prefix: &str, in_code: &std::collections::BTreeSet<String>) {
    let (en, ja) = (catalogue("en"), catalogue("ja"));
    for (lang, messages) in [("en", &en), ("ja", &ja)] {
        let found: std::collections::BTreeSet<String> = messages
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect();
        assert_eq!(
            &found, in_code,
            "{lang} and the code differ in {prefix} keys"
        );
    }
    for key in in_code {
        assert!(
            key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{key} is not a chrome.i18n name"
        );
        assert_eq!(
            en[key].get("placeholders"),
            ja[key].get("placeholders"),
            "{key}: ja takes other placeholders than en"
        );
    }
}
