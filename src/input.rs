//! Reading input with a size limit: every catalog, profile and stdin is
//! read through [`read_bounded`], so that an endless input (`/dev/zero`)
//! or a huge file ends with a clear exit-65 error instead of eating memory.
//! The limit is 256 MB per input, or `CERTPATH_MAX_INPUT` (bytes, or a
//! number with a K, M or G suffix).

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// The limit when `CERTPATH_MAX_INPUT` is not set: 256 MB.
pub const DEFAULT_LIMIT: u64 = 256 << 20;

/// The variable that changes the limit.
pub const VAR: &str = "CERTPATH_MAX_INPUT";

/// Parses a size: `1000`, `64K`, `256M`, `1G` (powers of 1024).
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (digits, shift) = match s.char_indices().last()? {
        (i, 'k' | 'K') => (&s[..i], 10),
        (i, 'm' | 'M') => (&s[..i], 20),
        (i, 'g' | 'G') => (&s[..i], 30),
        _ => (s, 0),
    };
    let n: u64 = digits.parse().ok()?;
    let n = n.checked_mul(1u64 << shift)?;
    (n > 0).then_some(n)
}

/// The limit in force; a bad `CERTPATH_MAX_INPUT` is a usage error.
pub fn limit() -> Result<u64> {
    match std::env::var_os(VAR) {
        None => Ok(DEFAULT_LIMIT),
        Some(v) => v.to_str().and_then(parse_size).ok_or_else(|| {
            Error::usage(format!(
                "{VAR}={}: not a size",
                crate::text::escape(&v.to_string_lossy())
            ))
            .with_hint("give bytes, or a number with K, M or G, e.g. CERTPATH_MAX_INPUT=512M")
        }),
    }
}

/// Shows a size the way a person writes it: `256 MB`, `64 KB`, `1000 bytes`.
pub fn show_size(n: u64) -> String {
    for (shift, unit) in [(30, "GB"), (20, "MB"), (10, "KB")] {
        if n >= 1 << shift && n.is_multiple_of(1 << shift) {
            return format!("{} {unit}", n >> shift);
        }
    }
    format!("{n} bytes")
}

/// The error for an input past the limit: an `io::Error` of kind
/// `FileTooLarge`, which [`Error::read`] reports as bad data (exit 65).
fn too_big(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!("larger than the input limit of {}", show_size(limit)),
    )
}

/// Reads all of `r`, but never more than the limit: past it, the error is
/// of kind `FileTooLarge`. Memory stays within the limit (plus one read).
pub fn read_bounded(mut r: impl Read) -> std::io::Result<Vec<u8>> {
    let limit = limit().unwrap_or(DEFAULT_LIMIT);
    read_with_limit(&mut r, limit)
}

fn read_with_limit(r: &mut impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let room = cap - buf.len();
        if room == 0 {
            return Err(too_big(limit));
        }
        let want = room.min(chunk.len());
        let n = match r.read(&mut chunk[..want]) {
            Ok(0) => return Ok(buf),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.len() + n > buf.capacity() {
            // Grow by doubling, but never past the limit.
            let target = (buf.capacity().max(n) * 2).min(cap);
            buf.reserve_exact(target.max(buf.len() + n) - buf.len());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Reads a file through the limit. A regular file whose size is already
/// past the limit is refused before any byte is read.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let limit = limit().unwrap_or(DEFAULT_LIMIT);
    if let Ok(m) = file.metadata() {
        if m.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a folder",
            ));
        }
        if m.is_file() && m.len() > limit {
            return Err(too_big(limit));
        }
    }
    read_with_limit(&mut std::io::BufReader::new(file), limit)
}

/// Reads stdin through the limit.
pub fn read_stdin() -> std::io::Result<Vec<u8>> {
    read_bounded(std::io::stdin().lock())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_suffixes() {
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("64K"), Some(64 << 10));
        assert_eq!(parse_size("256m"), Some(256 << 20));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("-1"), None);
        assert_eq!(parse_size("12X"), None);
        assert_eq!(parse_size("G"), None);
        assert_eq!(parse_size("99999999999G"), None);
        assert_eq!(show_size(DEFAULT_LIMIT), "256 MB");
        assert_eq!(show_size(1000), "1000 bytes");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let mut endless = std::io::repeat(b'x');
        let e = read_with_limit(&mut endless, 100_000).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(e.to_string().contains("input limit of 100000 bytes"), "{e}");
        let mut exact = std::io::repeat(b'x').take(100_000);
        assert_eq!(read_with_limit(&mut exact, 100_000).unwrap().len(), 100_000);
    }

    #[test]
    fn the_buffer_never_grows_past_the_limit() {
        let mut endless = std::io::repeat(b'x').take(3 << 20);
        let buf = read_with_limit(&mut endless, 5 << 20).unwrap();
        assert!(buf.capacity() <= (5 << 20) + 1, "{}", buf.capacity());
    }
}
