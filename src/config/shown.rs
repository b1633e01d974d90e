//! How a message quotes a value that came from the user's file (a name, a key, a path, a found
//! value): whole when it is short, else its first [`HEAD_CHARS`] characters and its length, e.g.
//! `AAAA…AAAA… (1,000,000 characters)`.
//!
//! A file may hold a name of a million characters. Quoted whole, one message would make the page
//! millions of pixels wide and the text useless; its start and its length say enough to find it.
//! Every message of this crate that quotes such a value goes through here, in English
//! ([`cut`], [`quoted`]) and through the locale's templates ([`cut_with`], [`quoted_with`], whose
//! `config_value_cut` template says "characters" in the user's language).

use std::borrow::Cow;

use serde_json::Value;

/// Values up to this many characters are quoted whole.
pub const MAX_WHOLE_CHARS: usize = 80;

/// How many leading characters of a longer value a message keeps.
pub const HEAD_CHARS: usize = 60;

/// The name of the template that shows a cut value: `$1` its head, `$2` its length.
pub const CUT_KEY: &str = "config_value_cut";

/// `value` as a message shows it, in the language of `lookup` (the template named by its first
/// argument filled with the second, as `chrome.i18n.getMessage` does).
///
/// ```
/// use connect_pilot_config::shown::{cut, HEAD_CHARS};
/// assert_eq!(cut("Account"), "Account");
/// let long = "A".repeat(1_000_000);
/// let shown = cut(&long);
/// assert!(shown.starts_with(&long[..HEAD_CHARS]));
/// assert!(shown.ends_with("… (1,000,000 characters)"));
/// ```
pub fn cut_with<'a>(value: &'a str, lookup: impl Fn(&str, &[&str]) -> String) -> Cow<'a, str> {
    match split(value) {
        None => Cow::Borrowed(value),
        Some((head, count)) => Cow::Owned(lookup(CUT_KEY, &[head, &group_digits(count)])),
    }
}

/// `value` in double quotes, JSON-escaped so odd characters stay visible, and cut like
/// [`cut_with`]: only the kept head is quoted, so the length never reads as part of the name.
pub fn quoted_with(value: &str, lookup: impl Fn(&str, &[&str]) -> String) -> String {
    match split(value) {
        None => json_quote(value),
        Some((head, count)) => lookup(CUT_KEY, &[&json_quote(head), &group_digits(count)]),
    }
}

/// [`cut_with`] with the English template.
pub fn cut(value: &str) -> Cow<'_, str> {
    cut_with(value, english)
}

/// [`quoted_with`] with the English template.
pub fn quoted(value: &str) -> String {
    quoted_with(value, english)
}

/// The English text of [`CUT_KEY`], the same as `extension/_locales/en/messages.json` holds (the
/// message tests fill that file's templates and compare).
fn english(_key: &str, args: &[&str]) -> String {
    format!("{}… ({} characters)", args[0], args[1])
}

/// The head and the length in characters of a value too long to quote whole.
fn split(value: &str) -> Option<(&str, usize)> {
    // A value of at most MAX_WHOLE_CHARS characters has at most 4 bytes each: skip the count.
    if value.len() <= MAX_WHOLE_CHARS {
        return None;
    }
    let count = value.chars().count();
    if count <= MAX_WHOLE_CHARS {
        return None;
    }
    let end = value
        .char_indices()
        .nth(HEAD_CHARS)
        .map_or(value.len(), |(i, _)| i);
    Some((&value[..end], count))
}

fn json_quote(value: &str) -> String {
    Value::String(value.to_owned()).to_string()
}

/// `n` with a comma between groups of three digits: `1,000,000`.
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_stay_whole() {
        let at_limit = "é".repeat(MAX_WHOLE_CHARS);
        assert_eq!(cut(&at_limit), at_limit.as_str());
        assert_eq!(quoted("Account"), "\"Account\"");
    }

    #[test]
    fn long_values_keep_their_head_and_say_their_length() {
        let long = "日".repeat(MAX_WHOLE_CHARS + 1);
        assert_eq!(
            cut(&long),
            format!("{}… (81 characters)", "日".repeat(HEAD_CHARS))
        );
        assert_eq!(
            quoted(&long),
            format!("\"{}\"… (81 characters)", "日".repeat(HEAD_CHARS))
        );
    }

    #[test]
    fn digits_are_grouped_by_three() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1_000_000), "1,000,000");
        assert_eq!(group_digits(12_345_678), "12,345,678");
    }
}
