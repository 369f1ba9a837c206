//! CSV conventions shared by `gemfill fill`, `gemfill apply` and `gemfill run`: reading records as bytes so
//! that a malformed row can be written back unchanged, finding columns by name, and writing
//! with the input's own line endings and byte-order mark.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use csv::ByteRecord;

/// The UTF-8 byte-order mark some spreadsheet programs put at the start of a CSV file.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a CSV file is laid out, so output can be written the same way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The file starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Its first line ends with CR LF rather than LF.
    pub crlf: bool,
}

impl Layout {
    /// Looks at the start of `bytes` (the beginning of a file).
    pub fn sniff(bytes: &[u8]) -> Layout {
        let bom = bytes.starts_with(UTF8_BOM);
        let crlf = bytes
            .iter()
            .position(|&b| b == b'\n')
            .is_some_and(|at| at > 0 && bytes[at - 1] == b'\r');
        Layout { bom, crlf }
    }

    /// Reads the first 64 KiB of a file and sniffs them.
    pub fn of_file(path: &Path) -> anyhow::Result<Layout> {
        let mut head = Vec::with_capacity(1 << 16);
        File::open(path)
            .and_then(|f| f.take(1 << 16).read_to_end(&mut head))
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Layout::sniff(&head))
    }

    /// A CSV writer in this layout (the byte-order mark is written here, before any record).
    pub fn writer<W: Write>(self, mut out: W) -> io::Result<csv::Writer<W>> {
        if self.bom {
            out.write_all(UTF8_BOM)?;
        }
        let terminator = if self.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        Ok(csv::WriterBuilder::new()
            .flexible(true)
            .terminator(terminator)
            .from_writer(out))
    }
}

/// A CSV reader with a header row that accepts records of any width: rows with the wrong
/// number of fields are reported by the caller (with their line) instead of stopping the
/// read. The csv crate strips a leading byte-order mark from the header.
pub fn reader<R: Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input)
}

/// The header row as text (invalid UTF-8 is shown with replacement characters).
pub fn header_names<R: Read>(
    reader: &mut csv::Reader<R>,
    source: &Path,
) -> anyhow::Result<Vec<String>> {
    let headers = reader
        .byte_headers()
        .with_context(|| format!("{}: cannot read the header row", source.display()))?;
    Ok(headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect())
}

/// The index of each named column, or an error listing the columns there are.
pub fn column_indices(
    headers: &[String],
    wanted: &[String],
    source: &Path,
) -> anyhow::Result<Vec<usize>> {
    wanted
        .iter()
        .map(|name| {
            headers.iter().position(|h| h == name).with_context(|| {
                format!(
                    "{}: no column named {name:?}; the columns are {}",
                    source.display(),
                    headers.join(", ")
                )
            })
        })
        .collect()
}

/// A reader that notes where each line end (CR or LF) is as the csv reader pulls bytes through it,
/// so that [`Lines`] can tell a record's line from its byte offset. (The csv crate's own
/// line numbers run one behind after CR LF line ends.)
pub struct Counting<R> {
    inner: R,
    offset: u64,
    line_ends: Arc<Mutex<VecDeque<(u64, bool)>>>,
}

/// The other half of [`Counting`]: turns record start offsets, asked in increasing order,
/// into 1-based line numbers. It holds only the line ends read ahead of the last record
/// (at most the csv reader's buffer), so memory stays constant.
pub struct Lines {
    line_ends: Arc<Mutex<VecDeque<(u64, bool)>>>,
    passed: u64,
}

/// Wraps `inner` for line counting.
pub fn counting<R: Read>(inner: R) -> (Counting<R>, Lines) {
    let line_ends = Arc::new(Mutex::new(VecDeque::new()));
    (
        Counting {
            inner,
            offset: 0,
            line_ends: Arc::clone(&line_ends),
        },
        Lines {
            line_ends,
            passed: 0,
        },
    )
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut line_ends = self.line_ends.lock().unwrap_or_else(|e| e.into_inner());
        line_ends.extend(
            buf[..n]
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(**b, b'\n' | b'\r'))
                .map(|(i, b)| (self.offset + i as u64, *b == b'\n')),
        );
        self.offset += n as u64;
        Ok(n)
    }
}

impl Lines {
    /// The line of the record that starts at this byte offset (the header is line 1).
    pub fn line_of(&mut self, record: &ByteRecord) -> u64 {
        let mut start = record.position().map_or(0, |p| p.byte());
        let mut line_ends = self.line_ends.lock().unwrap_or_else(|e| e.into_inner());
        // The csv reader may report a record as starting where the previous one ended,
        // before the rest of a CR LF or blank lines; a record never starts with a line
        // end, so those belong before it.
        while let Some(&(at, newline)) = line_ends.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            line_ends.pop_front();
            self.passed += u64::from(newline);
        }
        self.passed + 1
    }
}

/// Why a record cannot be used: it has the wrong number of fields, or a field is not
/// UTF-8. `None` for a good record.
pub fn malformation(record: &ByteRecord, width: usize) -> Option<String> {
    if record.len() != width {
        return Some(format!(
            "malformed row: {} field(s) where the header has {width}",
            record.len()
        ));
    }
    record
        .iter()
        .position(|field| std::str::from_utf8(field).is_err())
        .map(|column| format!("malformed row: field {} is not valid UTF-8", column + 1))
}

/// Field `index` of a record already checked by [`malformation`].
pub fn field(record: &ByteRecord, index: usize) -> &str {
    record
        .get(index)
        .and_then(|f| std::str::from_utf8(f).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_bom_and_line_endings() {
        assert_eq!(
            Layout::sniff(b"\xEF\xBB\xBFa,b\r\n1,2\r\n"),
            Layout {
                bom: true,
                crlf: true
            }
        );
        assert_eq!(Layout::sniff(b"a,b\n1,2\r\n"), Layout::default());
        assert_eq!(Layout::sniff(b""), Layout::default());
    }

    #[test]
    fn lines_count_quoted_new_lines_and_crlf() {
        for text in [
            "h,i\na,b\n\"x\ny\",z\nbad\n\nc,d\nbad\n",
            "h,i\r\na,b\r\n\"x\r\ny\",z\r\nbad\r\n\r\nc,d\r\nbad\r\n",
        ] {
            let (input, mut lines) = counting(text.as_bytes());
            let mut reader = reader(input);
            let found: Vec<u64> = reader
                .byte_records()
                .map(|r| lines.line_of(&r.unwrap()))
                .collect();
            assert_eq!(found, vec![2, 3, 5, 7, 8], "{text:?}");
        }
    }

    #[test]
    fn malformed_rows_are_named() {
        let record = ByteRecord::from(vec!["a", "b"]);
        assert!(malformation(&record, 2).is_none());
        assert!(malformation(&record, 3).unwrap().contains("2 field(s)"));
        let bad = ByteRecord::from(vec![&b"ok"[..], &b"\xff"[..]]);
        assert!(malformation(&bad, 2).unwrap().contains("field 2"));
    }
}
