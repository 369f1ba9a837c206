//! CSV conventions shared by `gemfill fill` and `gemfill apply`: reading records as bytes so
//! that a malformed row can be written back unchanged, finding columns by name, and writing
//! with the input's own line endings and byte-order mark.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use csv::ByteRecord;

use crate::CliError;

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
    pub fn of_file(path: &Path) -> Result<Layout, CliError> {
        let mut head = Vec::with_capacity(1 << 16);
        File::open(path)
            .and_then(|f| f.take(1 << 16).read_to_end(&mut head))
            .map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))?;
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
) -> Result<Vec<String>, CliError> {
    let headers = reader.byte_headers().map_err(|e| {
        CliError(format!(
            "{}: cannot read the header row: {e}",
            source.display()
        ))
    })?;
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
) -> Result<Vec<usize>, CliError> {
    wanted
        .iter()
        .map(|name| {
            headers.iter().position(|h| h == name).ok_or_else(|| {
                CliError(format!(
                    "{}: no column named {name:?}; the columns are {}",
                    source.display(),
                    headers.join(", ")
                ))
            })
        })
        .collect()
}

/// The 1-based line where a record starts (the header is line 1).
pub fn line_of(record: &ByteRecord) -> u64 {
    record.position().map_or(0, |p| p.line())
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
    fn malformed_rows_are_named() {
        let record = ByteRecord::from(vec!["a", "b"]);
        assert!(malformation(&record, 2).is_none());
        assert!(malformation(&record, 3).unwrap().contains("2 field(s)"));
        let bad = ByteRecord::from(vec![&b"ok"[..], &b"\xff"[..]]);
        assert!(malformation(&bad, 2).unwrap().contains("field 2"));
    }
}
