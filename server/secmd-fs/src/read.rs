//! Reading a policy (from disk or stdin) into text, with a clear error for
//! everything secmd cannot check: too large, binary, UTF-16, not UTF-8,
//! unreadable. Nothing here panics on any input.

use ropey::Rope;
use secmd_core::text::position::{offset_to_line_col, Encoding};
use std::io::Read;
use std::path::Path;

/// The default `--max-size`: large enough for any real policy, small enough
/// that a mistaken argument (a disk image, a log) fails fast.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// A policy decoded as UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The text, without a UTF-8 byte-order mark.
    pub text: String,
    /// Whether the file started with a UTF-8 byte-order mark (written back
    /// by `--fix`; editors do not count it as a column, so neither do we).
    pub bom: bool,
}

impl SourceText {
    /// The bytes to write back: the text with its byte-order mark, if any.
    pub fn into_bytes(self) -> Vec<u8> {
        if !self.bom {
            return self.text.into_bytes();
        }
        let mut out = Vec::with_capacity(self.text.len() + UTF8_BOM.len());
        out.extend_from_slice(UTF8_BOM);
        out.extend_from_slice(self.text.as_bytes());
        out
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a policy could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("is a directory")]
    IsDirectory,
    #[error("not a regular file ({kind}); secmd checks files")]
    NotRegular { kind: &'static str },
    #[error("too large ({} > {} limit)", human_size(*size), human_size(*limit))]
    TooLarge { size: u64, limit: u64 },
    #[error("binary data (NUL byte at line {line}, column {column}); secmd checks UTF-8 text")]
    Binary { line: u32, column: u32 },
    #[error("UTF-16 text (byte-order mark {bom}); secmd checks UTF-8 text")]
    Utf16 { bom: &'static str },
    #[error(
        "not valid UTF-8 (byte 0x{byte:02X} at line {line}, column {column}); secmd checks UTF-8 text"
    )]
    NotUtf8 { byte: u8, line: u32, column: u32 },
}

/// Reads a file, refusing files larger than `max_size` bytes and anything
/// but a regular file (a FIFO, a device, a socket) before reading them.
pub fn read_file(path: &Path, max_size: u64) -> Result<SourceText, ReadError> {
    let file = open_without_blocking(path)?;
    // Judged on the opened file, not a prior `stat`, so a path swapped for
    // a FIFO in between is still caught.
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            kind: special_kind(&meta.file_type()),
        });
    }
    if meta.len() > max_size {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit: max_size,
        });
    }
    read_limited(file, max_size, meta.len())
}

/// Opens for reading. On Unix with `O_NONBLOCK`: opening a FIFO otherwise
/// waits for a writer forever. (Reads of regular files ignore the flag.)
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What kind of special file this is, for the refusal message.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = t;
    "a special file"
}

/// Reads a stream (stdin) up to `max_size` bytes.
pub fn read_stream(reader: impl Read, max_size: u64) -> Result<SourceText, ReadError> {
    read_limited(reader, max_size, 0)
}

/// Reads at most `max_size + 1` bytes so a file that grows (or a stream, or a
/// file whose metadata lies, like `/proc`) cannot exhaust memory.
fn read_limited(reader: impl Read, max_size: u64, hint: u64) -> Result<SourceText, ReadError> {
    let mut bytes = Vec::with_capacity(hint.min(max_size) as usize);
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
    decode(bytes)
}

/// Decodes bytes as a policy text: UTF-8, with an optional byte-order mark.
pub fn decode(mut bytes: Vec<u8>) -> Result<SourceText, ReadError> {
    // UTF-16 is checked first: its ASCII characters contain NUL bytes.
    if bytes.starts_with(b"\xFF\xFE") {
        return Err(ReadError::Utf16 { bom: "FF FE" });
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Err(ReadError::Utf16 { bom: "FE FF" });
    }
    let bom = bytes.starts_with(UTF8_BOM);
    if bom {
        bytes.drain(..UTF8_BOM.len());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col_of_prefix(&bytes[..at]);
        return Err(ReadError::Binary { line, column });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText { text, bom }),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_col_of_prefix(&bytes[..at]);
            Err(ReadError::NotUtf8 {
                byte: bytes[at],
                line,
                column,
            })
        }
    }
}

/// The 1-based line and column (in characters) just after `prefix`, counted
/// by the one position converter. Invalid UTF-8 in the prefix (possible
/// before a NUL byte) counts as one character per bad sequence.
fn line_col_of_prefix(prefix: &[u8]) -> (u32, u32) {
    let text = String::from_utf8_lossy(prefix);
    let rope = Rope::from_str(&text);
    let at = offset_to_line_col(&rope, text.len(), Encoding::Utf32);
    (at.line + 1, at.col + 1)
}

/// `1536` → `1.5 KiB`; used in size messages.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", UNITS[unit])
}

/// Parses a size such as `64MiB`, `500k`, `1G` or `1048576` (binary units).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 64MiB, 500KiB, 1048576)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{s}`: unknown unit (use B, KiB, MiB or GiB)")),
    };
    num.checked_mul(factor)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_strips_bom() {
        let t = decode(b"\xEF\xBB\xBF# Hi\n".to_vec()).unwrap();
        assert_eq!((t.text.as_str(), t.bom), ("# Hi\n", true));
        assert_eq!(t.into_bytes(), b"\xEF\xBB\xBF# Hi\n");
        assert_eq!(decode(Vec::new()).unwrap().text, "");
    }

    #[test]
    fn latin1_names_byte_line_and_column() {
        let e = decode(b"# Policy\n\nab\r\ncaf\xE9 x\n".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not valid UTF-8 (byte 0xE9 at line 4, column 4); secmd checks UTF-8 text"
        );
        // Columns count characters, not bytes.
        let e = decode("éa".bytes().chain([0xFF]).collect()).unwrap_err();
        assert!(e.to_string().contains("line 1, column 3"), "{e}");
    }

    #[test]
    fn binary_and_utf16_are_refused() {
        let e = decode(b"ab\ncd\0".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "binary data (NUL byte at line 2, column 3); secmd checks UTF-8 text"
        );
        let e = decode(b"\xFF\xFE#\0".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "UTF-16 text (byte-order mark FF FE); secmd checks UTF-8 text"
        );
    }

    #[test]
    fn stream_over_limit_is_too_large() {
        let e = read_stream(&b"12345"[..], 4).unwrap_err();
        assert_eq!(e.to_string(), "too large (5 bytes > 4 bytes limit)");
        assert_eq!(read_stream(&b"1234"[..], 4).unwrap().text, "1234");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("7"), Ok(7));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("1XB").is_err());
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
    }
}
