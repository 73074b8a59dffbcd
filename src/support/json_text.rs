//! Where a value stands in a JSON text, and the one syntax fault of the JSON reader that is a
//! fault in a value: shared by the second readings of the strategies instance
//! (`formats::instance`) and of the roster and criteria documents ([`Tree::read`]).
//!
//! [`Tree::read`]: super::strict::Tree::read

/// Whether the JSON reader stopped at a number beyond `f64` (`1e400`): a syntax fault to it,
/// told apart only by its words. JSON itself allows the number, so a second reading can pass
/// over it as it passes over any value, and name it there.
pub(crate) fn is_out_of_range(e: &serde_json::Error) -> bool {
    e.is_syntax() && e.to_string().starts_with("number out of range")
}

/// Whether `value` is a whole number no 64-bit integer holds (`18446744073709551616`, or
/// `-9223372036854775809`). The JSON reader keeps such a number as an `f64`, so a field of an
/// integer type calls it a float, though the number is whole and only too large for the field.
pub(crate) fn is_whole_beyond_64_bits(value: &serde_json::Value) -> bool {
    // A whole number written without an exponent is read as an integer from -2^63 to
    // 2^64 - 1, and as an `f64` only beyond: rounded, 2^64 or more, or -2^63 or less (the
    // nearest `f64` to -2^63 - 1 is -2^63 itself). Both bounds are exact in an `f64`.
    const U64_END: f64 = 18_446_744_073_709_551_616.0;
    const I64_START: f64 = -9_223_372_036_854_775_808.0;
    value
        .as_f64()
        .is_some_and(|x| value.is_f64() && x.fract() == 0.0 && (x >= U64_END || x <= I64_START))
}

/// The bytes JSON allows between tokens.
pub(crate) const JSON_SPACE: [char; 4] = [' ', '\n', '\t', '\r'];

/// Where `part`, a slice of `text`, starts in it, in bytes.
pub(crate) fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The most arrays and objects nested one in another in `text`, a JSON text, as the JSON
/// reader counts them against its recursion limit: brackets inside strings do not count.
/// (Where `text` is not JSON, a count all the same, of the brackets outside what read as
/// strings.)
pub(crate) fn nesting(text: &str) -> usize {
    let (mut depth, mut most) = (0usize, 0usize);
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                most = most.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => {
                // To the string's end, past its escapes.
                while let Some(b) = bytes.next() {
                    match b {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    most
}

/// Lines and columns in a text as the JSON reader counts them, after a number of bytes read:
/// the line is one more than the line breaks read, the column the bytes read since the last
/// of them (0 right after a line break). Counted on from the last count asked for: the faults
/// come in the order of the text, so placing them all reads it once.
#[derive(Default)]
pub(crate) struct Lines {
    /// The bytes read at the last count, where that line starts, and its number (from 1; 0
    /// before any count).
    read: usize,
    line_start: usize,
    line: usize,
}

impl Lines {
    /// The line and column after the first `read` bytes of `text`.
    pub(crate) fn after(&mut self, text: &str, read: usize) -> (usize, usize) {
        if self.line == 0 || read < self.read {
            *self = Lines {
                read: 0,
                line_start: 0,
                line: 1,
            };
        }
        let read = read.min(text.len());
        for (i, b) in text.as_bytes()[self.read..read].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.read + i + 1;
            }
        }
        self.read = read;
        (self.line, read - self.line_start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_beyond_f64_is_told_apart_from_other_syntax_faults() {
        let fault = |text| serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert!(is_out_of_range(&fault("[1, 1e400]")));
        assert!(is_out_of_range(&fault("-1e400")));
        assert!(!is_out_of_range(&fault("[1,]")));
        assert!(!is_out_of_range(&fault("[NaN]")));
        assert!(!is_out_of_range(
            &serde_json::from_str::<u8>("256").unwrap_err()
        ));
    }

    #[test]
    fn whole_numbers_beyond_64_bits_are_told_apart_from_fractions() {
        let beyond = |text| is_whole_beyond_64_bits(&serde_json::from_str(text).unwrap());
        assert!(beyond("18446744073709551616"));
        assert!(beyond("-9223372036854775809"));
        assert!(beyond("2e19"));
        assert!(!beyond("18446744073709551615")); // a u64
        assert!(!beyond("-9223372036854775808")); // an i64
        assert!(!beyond("1e19")); // whole, but within u64: a float to an integer field
        assert!(!beyond("0.5"));
        assert!(!beyond("\"18446744073709551616\""));
    }

    #[test]
    fn nesting_counts_brackets_outside_strings() {
        assert_eq!(nesting("1e400"), 0);
        assert_eq!(nesting(r#"[1, {"a": [2]}, [3]]"#), 3);
        assert_eq!(nesting(r#"{"[[[": "\\\"{{", "b": [[]]}"#), 3);
        assert_eq!(
            nesting(&format!("{}{}", "[".repeat(200), "]".repeat(200))),
            200
        );
    }

    #[test]
    fn places_count_as_the_json_reader_does() {
        let text = "{\"a\":\n  1e400}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let number = &text[8..13];
        assert_eq!(number, "1e400");
        let end = offset(text, number) + number.len();
        assert_eq!(Lines::default().after(text, end), (e.line(), e.column()));
        // Counted on, or again from the start when asked about an earlier place.
        let mut lines = Lines::default();
        assert_eq!(lines.after(text, 6), (2, 0));
        assert_eq!(lines.after(text, end), (2, 7));
        assert_eq!(lines.after(text, 1), (1, 1));
    }
}
