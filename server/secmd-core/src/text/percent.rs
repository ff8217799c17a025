//! Percent-decoding of link destinations and `mailto:` addresses
//! (`disclosure%20policy.md`, `security%40example.com`), for the rules and
//! for the server's file URIs.

/// Decodes `%XX` escapes. An escape that is not `%` and two hex digits is
/// kept as written; bytes that are not UTF-8 after decoding become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_escapes_and_keeps_bad_ones() {
        assert_eq!(
            percent_decode("security%40example.com"),
            "security@example.com"
        );
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
        assert_eq!(percent_decode("%+4%4"), "%+4%4");
        assert_eq!(percent_decode("caf%C3%A9%e2%9c%85"), "café✅");
        assert_eq!(percent_decode("%FF%é"), "\u{FFFD}%é");
    }
}
