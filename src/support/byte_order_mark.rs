//! The byte-order mark some tools write before UTF-8 text, dropped by every reader.
//!
//! Spreadsheet programs save "CSV UTF-8" with it, and Windows tools often put it before JSON
//! too. It says nothing in UTF-8, and editors hide it, so every reader drops it before
//! reading: the lines and columns its messages name are the ones the user sees.

/// The mark's bytes in UTF-8.
const MARK: &str = "\u{feff}";

/// `text` without a leading byte-order mark.
pub(crate) fn without_mark(text: &str) -> &str {
    text.strip_prefix(MARK).unwrap_or(text)
}

/// `bytes` without a leading byte-order mark.
#[cfg(feature = "csv")]
pub(crate) fn bytes_without_mark(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(MARK.as_bytes()).unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_leading_mark_is_dropped() {
        assert_eq!(without_mark("\u{feff}{}"), "{}");
        assert_eq!(without_mark("{}\u{feff}"), "{}\u{feff}");
        assert_eq!(without_mark("\u{feff}\u{feff}1"), "\u{feff}1");
    }

    #[cfg(feature = "csv")]
    #[test]
    fn only_a_leading_mark_is_dropped_from_bytes() {
        assert_eq!(bytes_without_mark(b"\xEF\xBB\xBF1,2"), b"1,2");
        assert_eq!(bytes_without_mark(b"\xEF\xBB1"), b"\xEF\xBB1");
    }
}
