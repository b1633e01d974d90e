//! Property: a timestamp's `datetime` form names the same instant as the text Heroku sent, in both
//! of Heroku's spellings (RFC 3339 with `T` and `Z`, and the mappings' space form with fractions
//! and a `±HH:MM` offset). Writing goes through `civil_from_days` and reading through
//! `days_from_civil`, so each checks the other.

use connect_pilot::api::model::{utc_text, Timestamp};
use proptest::prelude::*;

/// 0000-01-01 up to 9999-12-31, in seconds since 1970, less a day at each end for the offsets.
const FIRST: i64 = -62_167_219_200 + 86_400;
const LAST: i64 = 253_402_300_799 - 86_400;

proptest! {
    #[test]
    fn written_instants_read_back(secs in FIRST..LAST) {
        let text = utc_text(secs).expect("in range");
        prop_assert_eq!(text.len(), 20);
        prop_assert_eq!(Timestamp(text.clone()).unix_seconds(), Some(secs), "{}", text);
        prop_assert_eq!(Timestamp(text.clone()).iso_utc(), Some(text));
    }

    #[test]
    fn herokus_space_form_names_the_same_instant(secs in FIRST..LAST, quarters in -56i64..=56) {
        // The instant's wall-clock time in a zone `quarters` × 15 minutes east of UTC.
        let offset = quarters * 15 * 60;
        let wall = utc_text(secs + offset).expect("in range");
        let sign = if offset < 0 { '-' } else { '+' };
        let spaced = format!(
            "{} {}.000000{sign}{:02}:{:02}",
            &wall[..10],
            &wall[11..19],
            offset.abs() / 3600,
            offset.abs() / 60 % 60
        );
        prop_assert_eq!(Timestamp(spaced.clone()).unix_seconds(), Some(secs), "{}", spaced);
        prop_assert_eq!(Timestamp(spaced).iso_utc(), utc_text(secs));
    }
}
