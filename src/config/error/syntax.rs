//! The JSON reader's syntax faults in words the user reads: `serde_json` describes a fault in a fixed
//! English phrase, and each phrase here has a message template of its own, so an invalid-JSON error
//! reads wholly in the user's language. The English templates are these phrases verbatim, so the
//! English text stays what the reader said.

/// Each syntax phrase of the JSON reader with the name of its template in
/// `extension/_locales/*/messages.json`. `tests/config_messages.rs` provokes the faults a document can
/// reach and fails if the reader's phrase is missing here, so a reworded reader is caught.
pub const JSON_SYNTAX_FAULTS: &[(&str, &str)] = &[
    ("EOF while parsing a list", "config_json_eof_list"),
    ("EOF while parsing an object", "config_json_eof_object"),
    ("EOF while parsing a string", "config_json_eof_string"),
    ("EOF while parsing a value", "config_json_eof_value"),
    ("expected `:`", "config_json_expected_colon"),
    ("expected `,` or `]`", "config_json_expected_list_end"),
    ("expected `,` or `}`", "config_json_expected_object_end"),
    ("expected ident", "config_json_expected_ident"),
    ("expected value", "config_json_expected_value"),
    ("expected `\"`", "config_json_expected_quote"),
    ("invalid escape", "config_json_invalid_escape"),
    ("invalid number", "config_json_invalid_number"),
    ("number out of range", "config_json_number_out_of_range"),
    (
        "invalid unicode code point",
        "config_json_invalid_code_point",
    ),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "config_json_control_character",
    ),
    ("key must be a string", "config_json_key_not_string"),
    (
        "invalid value: expected key to be a number in quotes",
        "config_json_key_not_number",
    ),
    (
        "float key must be finite (got NaN or +/-inf)",
        "config_json_float_key",
    ),
    (
        "lone leading surrogate in hex escape",
        "config_json_lone_surrogate",
    ),
    ("trailing comma", "config_json_trailing_comma"),
    ("trailing characters", "config_json_trailing_characters"),
    ("unexpected end of hex escape", "config_json_hex_escape_end"),
    ("recursion limit exceeded", "config_json_recursion_limit"),
];
