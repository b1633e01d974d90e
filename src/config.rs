//! Mapping configuration documents (export / import): parse, validate, normalise and diff.
