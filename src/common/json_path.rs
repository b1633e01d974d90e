//! The JSON path of a failed typed read, found from the text and the error's position alone.
//!
//! A typed read of a response is one `serde_json` pass. When it fails, this module walks the same
//! text up to where `serde_json` stopped and names the keys and indices open there. It is not generic
//! over the target type, so naming the path costs no second copy of every type's `Deserialize` in
//! the wasm (which a path-tracking deserializer wrapper would instantiate per response type).
//!
//! The rules follow where serde reports each kind of failure: a data error (wrong type, missing
//! field, unknown variant) is raised inside the value that was just read or is about to be read, so
//! that value's key or index belongs to the path; a syntax or end-of-input error between two values
//! is raised by the enclosing object or array, so only values still being read count. It stops at
//! naming the path: the message is `serde_json`'s own.

use serde_json::error::Category;

/// One step of a JSON path.
#[derive(Clone, PartialEq, Eq)]
pub enum Segment {
    /// An element of an array.
    Index(usize),
    /// A member of an object, by its (unescaped) key.
    Key(String),
    /// An object member whose key was not read yet (the text ended or broke between members).
    Unknown,
}

/// The text to read again when a typed read of `text` failed: the same document with a space
/// before every `,`, `}` and `]` and after every `{` and `[` outside strings, and one at the end. A
/// value's edges and its container's brackets then never share a position, so the second failure
/// says whether the value or its container failed (and `serde_json` never has to report a position past the last
/// byte). Reading it again costs no new code: it is the same instantiation that failed.
pub fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4 + 1);
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ',' | '}' | ']') {
            out.push(' ');
        } else if matches!(c, '{' | '[') {
            out.push(c);
            out.push(' ');
            continue;
        }
        out.push(c);
    }
    out.push(' ');
    out
}

/// The path to where `error` arose while reading `text` (see [`spaced`]) as one typed value.
pub fn locate(text: &str, error: &serde_json::Error) -> Vec<Segment> {
    if error.line() == 0 {
        return Vec::new();
    }
    let fault = match error.classify() {
        // A repeated field is refused by the object once the key is read; an unknown variant in the
        // key of `{"Variant": ...}` is refused by the enum, not by a member.
        Category::Data if object_fault(&error.to_string()) => Fault::Duplicate,
        Category::Data => Fault::Data,
        Category::Syntax | Category::Eof | Category::Io => Fault::Syntax,
    };
    let stop = stop_offset(text, error.line(), error.column());
    walk(text.as_bytes(), stop, fault)
}

/// The path in dotted notation: `mappings[0].object_name`, or `.` for the document itself.
pub fn dotted(path: &[Segment]) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    out
}

/// The byte offset of the next unread byte when `serde_json` raised an error at `line`/`column`
/// (its column counts that byte, 1-based, on its line).
fn stop_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let line_start = if line <= 1 { 0 } else { line_start };
    (line_start + column).saturating_sub(1).min(text.len())
}

fn object_fault(message: &str) -> bool {
    message.starts_with("duplicate field") || message.starts_with("unknown variant")
}

/// What kind of failure stopped the read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// A value did not fit its type (raised by that value, or by its container at the closing bracket).
    Data,
    /// A key came twice, or named no variant (raised by the object or enum, after the key was read).
    Duplicate,
    /// Broken or truncated text (raised by whatever was reading there).
    Syntax,
}

/// An object or array open at the stop.
struct Frame {
    array: bool,
    /// The key or index of the member being read or last read, until the next `,`.
    segment: Option<Segment>,
    /// That member's value was read completely.
    done: bool,
    /// A value (not a key, `,` or closing bracket) comes next.
    awaiting_value: bool,
    /// Next array index.
    next_index: usize,
    /// Key read, `:` not yet seen.
    pending_key: Option<String>,
}

fn walk(bytes: &[u8], stop: usize, fault: Fault) -> Vec<Segment> {
    let data = fault != Fault::Syntax;
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    loop {
        while i < stop && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= stop {
            break;
        }
        let b = bytes[i];
        match b {
            b'{' | b'[' => {
                start_value(&mut frames);
                frames.push(Frame {
                    array: b == b'[',
                    segment: None,
                    done: false,
                    awaiting_value: b == b'[',
                    next_index: 0,
                    pending_key: None,
                });
                i += 1;
            }
            b'}' | b']' => {
                frames.pop();
                if let Some(top) = frames.last_mut() {
                    top.done = true;
                }
                i += 1;
            }
            b',' => {
                if let Some(top) = frames.last_mut() {
                    top.segment = None;
                    top.done = false;
                    top.awaiting_value = top.array;
                }
                i += 1;
            }
            b':' => {
                if let Some(top) = frames.last_mut() {
                    top.segment = top.pending_key.take().map(Segment::Key);
                    top.done = false;
                    top.awaiting_value = true;
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                let is_key = frames.last().is_some_and(|f| !f.array && !f.awaiting_value);
                if is_key {
                    // A key is read whole by the time its closing quote is the next byte.
                    if end > stop + 1 {
                        // Stopped inside a key: the object itself failed.
                        break;
                    }
                    let key = serde_json::from_slice::<String>(&bytes[i..end]).unwrap_or_default();
                    if let Some(top) = frames.last_mut() {
                        top.pending_key = Some(key);
                    }
                } else {
                    start_value(&mut frames);
                    if end > stop {
                        break;
                    }
                    finish_value(&mut frames);
                }
                i = end;
            }
            _ => {
                start_value(&mut frames);
                let end = scalar_end(bytes, i);
                if end > stop || !complete_scalar(&bytes[i..end]) {
                    break;
                }
                finish_value(&mut frames);
                i = end.max(i + 1);
            }
        }
    }
    let mut path = Vec::new();
    let last = frames.len().saturating_sub(1);
    for (depth, frame) in frames.iter().enumerate() {
        let segment = if depth < last {
            frame.segment.clone()
        } else if frame.awaiting_value {
            // A value starts at the stop, unless the array closes there or its reader refused the
            // array as soon as it opened (the stop then falls on the space after `[`).
            let refused = bytes.get(stop).is_some_and(|b| b.is_ascii_whitespace());
            if frame.array && (bytes.get(stop) == Some(&b']') || (data && refused)) {
                None
            } else if frame.array {
                Some(Segment::Index(frame.next_index))
            } else {
                frame.segment.clone()
            }
        } else if !frame.array && frame.pending_key.is_some() {
            // Stopped between a key and its `:`: a key that failed to read names itself.
            match fault {
                Fault::Data => frame.pending_key.clone().map(Segment::Key),
                Fault::Duplicate | Fault::Syntax => None,
            }
        } else if !frame.array && !data && (frame.done || frame.segment.is_none()) {
            // Broken text where a key was due: the object was reading a key it never got.
            Some(Segment::Unknown)
        } else if frame.done && (!data || matches!(bytes.get(stop), Some(b'}' | b']'))) {
            // Past a whole value: a syntax error there is the container's, and so is a data
            // error raised at the closing bracket (a missing field, too few elements).
            None
        } else {
            frame.segment.clone()
        };
        path.extend(segment);
    }
    path
}

/// A value begins in the innermost frame: an array names its next index.
fn start_value(frames: &mut [Frame]) {
    if let Some(top) = frames.last_mut() {
        if top.array && top.awaiting_value {
            top.segment = Some(Segment::Index(top.next_index));
            top.next_index += 1;
        }
        top.awaiting_value = false;
        top.done = false;
    }
}

fn finish_value(frames: &mut [Frame]) {
    if let Some(top) = frames.last_mut() {
        top.done = true;
    }
}

/// The offset just past the string starting at `start` (its opening quote), or past the text.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len() + 1
}

/// The end of a number or literal: as far as the characters a JSON number or word may contain.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let number = matches!(bytes[start], b'-' | b'0'..=b'9');
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let more = if number {
            matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        } else {
            b.is_ascii_alphabetic()
        };
        if !more {
            break;
        }
        i += 1;
    }
    i
}

/// Whether a scanned number or literal is a whole JSON token (not one cut short or malformed).
fn complete_scalar(token: &[u8]) -> bool {
    match token {
        b"true" | b"false" | b"null" => true,
        [b'-', rest @ ..] => number(rest),
        _ => number(token),
    }
}

fn number(s: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let int = digits(s);
    if int == 0 || (s[0] == b'0' && int > 1) {
        return false;
    }
    let mut rest = &s[int..];
    if let [b'.', after @ ..] = rest {
        let frac = digits(after);
        if frac == 0 {
            return false;
        }
        rest = &after[frac..];
    }
    if let [b'e' | b'E', after @ ..] = rest {
        let after = match after {
            [b'+' | b'-', a @ ..] => a,
            a => a,
        };
        let exp = digits(after);
        if exp == 0 {
            return false;
        }
        rest = &after[exp..];
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests;
