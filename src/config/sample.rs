//! Generated configuration documents of any size, for the product benchmark and for tests.
//!
//! The output is valid for every plan and has no warnings: every mapping has the system fields, the
//! default indexes, and (for the read_write half) a unique, mapped upsert field. It is not meant to
//! resemble a real org; object and field names are synthetic custom names.

use std::fmt::Write;

/// A valid document with `mappings` mappings of `fields` fields each.
///
/// Each mapping sits on one line, so the benchmark's largest case (2,000 mappings of 100 fields, about
/// 4.4 MB) stays under the 5 MB file limit. Fields below 5 are raised to 5: the four default fields plus
/// the external id every mapping carries.
///
/// ```
/// use connect_pilot_config::{sample, validate, MappingConfig, Plan};
///
/// let text = sample::generate(3, 10);
/// let config = MappingConfig::parse(text.as_bytes()).unwrap();
/// assert_eq!(config.mappings.len(), 3);
/// assert_eq!(config.mappings[0].config.fields.len(), 10);
/// assert!(validate(&config, Plan::Demo, None).is_empty());
/// ```
pub fn generate(mappings: usize, fields: usize) -> String {
    let fields = fields.max(5);
    // About 19 bytes a field; reserving up front keeps generation linear for the benchmark.
    let mut out = String::with_capacity(256 + mappings * (320 + fields * 19));
    out.push_str("{\n\"version\": 1,\n\"connection\": {\"app_name\": \"sample-app\", ");
    out.push_str("\"organization_id\": \"00D000000000000AAA\", \"exported_at\": \"2025-01-06T11:30:00.000000+00:00\"},\n");
    out.push_str("\"mappings\": [");
    for m in 0..mappings {
        let read_write = m % 2 == 1;
        out.push_str(if m == 0 { "\n" } else { ",\n" });
        let _ = write!(
            out,
            "{{\"object_name\":\"Sample_{m:05}__c\",\"config\":{{\"access\":\"{}\",\"sf_notify_enabled\":{},\"sf_polling_seconds\":{},\"sf_max_daily_api_calls\":{},",
            if read_write { "read_write" } else { "read_only" },
            m % 3 == 0,
            600 + (m % 4) * 300,
            30_000 - (m % 5) * 1_000,
        );
        out.push_str("\"fields\":{\"Id\":{},\"IsDeleted\":{},\"SystemModstamp\":{},\"CreatedDate\":{},\"External_Id__c\":{}");
        for f in 5..fields {
            let _ = write!(out, ",\"Field_{f:04}__c\":{{}}");
        }
        out.push_str("},\"indexes\":{\"Id\":{\"unique\":true},\"SystemModstamp\":{\"unique\":false},\"External_Id__c\":{\"unique\":true}}");
        if read_write {
            out.push_str(",\"upsert_field\":\"External_Id__c\"");
        }
        out.push_str("}}");
    }
    out.push_str("\n]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{validate, MappingConfig, Plan};

    #[test]
    fn every_size_parses_and_validates_clean() {
        for (mappings, fields) in [(0, 0), (1, 5), (2, 6), (4, 40)] {
            let text = generate(mappings, fields);
            let config = MappingConfig::parse(text.as_bytes())
                .unwrap_or_else(|e| panic!("{mappings}x{fields}: {e}"));
            assert_eq!(config.mappings.len(), mappings);
            let issues = validate(&config, Plan::Demo, None);
            let expected_issues = usize::from(mappings == 0); // only the "no mappings" warning
            assert_eq!(issues.len(), expected_issues, "{issues:?}");
        }
    }
}
