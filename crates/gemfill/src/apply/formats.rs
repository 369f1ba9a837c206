//! The files `apply` reads and writes: CSV (records kept as bytes, so a malformed row is
//! written back as read, in the input's own layout) and Parquet (arrow record batches, the
//! output schema the input's plus one text column). The pipeline sees only [`Source`],
//! [`Rows`], [`Cell`] and [`Sink`].

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use csv::ByteRecord;
use gemfill_dsl::{Program, Tables};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::csv_io::{self, Layout};

/// Rows per chunk: large enough that handing a chunk between threads costs nothing next to
/// evaluating it, small enough that the chunks in flight take a few megabytes.
const CHUNK_ROWS: usize = 8192;

/// Rows per Parquet row group written: the writer holds one row group in memory.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Whether a file is read or written as Parquet (by its extension).
pub fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// A run of consecutive input rows.
pub enum Rows {
    /// CSV records, as bytes so malformed ones can be written back unchanged, and the
    /// line each starts on.
    Csv(Vec<ByteRecord>, Vec<u64>),
    /// A Parquet record batch.
    Batch(RecordBatch),
}

impl Rows {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        match self {
            Rows::Csv(records, _) => records.len(),
            Rows::Batch(batch) => batch.num_rows(),
        }
    }

    /// Where the `index`-th of these rows is, for messages: `row N`, with its line for CSV.
    pub fn place(&self, index: usize, row_number: u64) -> String {
        match self {
            Rows::Csv(_, lines) => format!("row {row_number} (line {})", lines[index]),
            Rows::Batch(_) => format!("row {row_number}"),
        }
    }

    /// Runs `program` on every row, reading its inputs from the columns `inputs` of rows
    /// `width` fields wide.
    pub fn evaluate(
        &self,
        program: &Program,
        tables: &Tables,
        inputs: &[usize],
        width: usize,
    ) -> Vec<Cell> {
        let mut cells: Vec<&str> = Vec::with_capacity(inputs.len());
        let run = |cells: &[&str]| match program.run(cells, tables) {
            Ok(value) => Cell::Value(value.to_string()),
            Err(error) => Cell::Failed(error.to_string()),
        };
        match self {
            Rows::Csv(records, _) => records
                .iter()
                .map(|record| {
                    if let Some(why) = csv_io::malformation(record, width) {
                        return Cell::Malformed(why);
                    }
                    cells.clear();
                    cells.extend(inputs.iter().map(|&c| csv_io::field(record, c)));
                    run(&cells)
                })
                .collect(),
            Rows::Batch(batch) => {
                let columns: Vec<TextColumn> = inputs
                    .iter()
                    .map(|&c| TextColumn::of(batch.column(c).as_ref()))
                    .collect();
                (0..batch.num_rows())
                    .map(|row| {
                        cells.clear();
                        cells.extend(columns.iter().map(|c| c.get(row).unwrap_or_default()));
                        run(&cells)
                    })
                    .collect()
            }
        }
    }
}

/// What a worker made of one row.
pub enum Cell {
    /// The program's output.
    Value(String),
    /// The program failed on the row; why.
    Failed(String),
    /// The CSV row could not be read as a row of the file (wrong number of fields, invalid
    /// UTF-8); it is written back as read.
    Malformed(String),
}

impl Cell {
    /// The output to write, if the program gave one.
    pub fn value(&self) -> Option<&str> {
        match self {
            Cell::Value(value) => Some(value),
            Cell::Failed(_) | Cell::Malformed(_) => None,
        }
    }
}

/// What the input file is and where the chosen columns are.
pub struct Source {
    kind: SourceKind,
    /// Output column names of the input, in order.
    pub names: Vec<String>,
    /// The chosen columns' indices.
    pub inputs: Vec<usize>,
    /// The total for the progress bar (bytes for CSV, rows for Parquet).
    pub total: u64,
}

enum SourceKind {
    Csv {
        reader: csv::Reader<csv_io::Counting<File>>,
        lines: csv_io::Lines,
        layout: Layout,
    },
    Parquet {
        builder: ParquetRecordBatchReaderBuilder<File>,
        schema: SchemaRef,
    },
}

impl Source {
    /// Opens `path` (Parquet by its extension, CSV otherwise) and finds the `columns`.
    pub fn open(path: &Path, columns: &[String]) -> anyhow::Result<Source> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        if is_parquet(path) {
            let builder = ParquetRecordBatchReaderBuilder::try_new(file)
                .with_context(|| format!("{} is not a Parquet file", path.display()))?;
            let schema = builder.schema().clone();
            let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
            let inputs = csv_io::column_indices(&names, columns, path)?;
            for &column in &inputs {
                let field = schema.field(column);
                if !is_text(field.data_type()) {
                    bail!(
                        "{}: column {:?} holds {}, not text; gemfill programs read text columns",
                        path.display(),
                        field.name(),
                        field.data_type()
                    );
                }
            }
            let total = builder.metadata().file_metadata().num_rows().max(0) as u64;
            Ok(Source {
                kind: SourceKind::Parquet { builder, schema },
                names,
                inputs,
                total,
            })
        } else {
            let layout = Layout::of_file(path)?;
            let total = file.metadata().map_or(0, |m| m.len());
            let (input, lines) = csv_io::counting(file);
            let mut reader = csv_io::reader(input);
            let names = csv_io::header_names(&mut reader, path)?;
            if names.iter().all(String::is_empty) {
                bail!(
                    "{} is empty: it needs a header row naming its columns",
                    path.display()
                );
            }
            let inputs = csv_io::column_indices(&names, columns, path)?;
            Ok(Source {
                kind: SourceKind::Csv {
                    reader,
                    lines,
                    layout,
                },
                names,
                inputs,
                total,
            })
        }
    }

    /// The progress bar's template: bytes for CSV, rows for Parquet.
    pub fn progress_template(&self) -> &'static str {
        match self.kind {
            SourceKind::Csv { .. } => "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            SourceKind::Parquet { .. } => "{bar:40} {pos}/{len} rows {per_sec} eta {eta}",
        }
    }

    /// The rows in chunks, each with how far into the input it ends (bytes for CSV, rows
    /// for Parquet). `path` names the input in errors.
    pub fn into_chunks(self, path: &Path) -> anyhow::Result<Chunks> {
        Ok(match self.kind {
            SourceKind::Csv { reader, lines, .. } => Chunks::Csv {
                reader,
                lines,
                path: path.to_path_buf(),
                ended: false,
            },
            SourceKind::Parquet { builder, .. } => Chunks::Parquet {
                batches: builder
                    .with_batch_size(CHUNK_ROWS)
                    .build()
                    .with_context(|| format!("cannot read {}", path.display()))?,
                rows_read: 0,
                path: path.to_path_buf(),
            },
        })
    }
}

fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// The input's rows, a chunk at a time (see [`Source::into_chunks`]).
pub enum Chunks {
    Csv {
        reader: csv::Reader<csv_io::Counting<File>>,
        lines: csv_io::Lines,
        path: std::path::PathBuf,
        /// A short chunk was the last: the file is read to its end.
        ended: bool,
    },
    Parquet {
        batches: ParquetRecordBatchReader,
        rows_read: u64,
        path: std::path::PathBuf,
    },
}

impl Iterator for Chunks {
    type Item = anyhow::Result<(Rows, u64)>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Chunks::Csv {
                reader,
                lines,
                path,
                ended,
            } => {
                if *ended {
                    return None;
                }
                let mut records = Vec::with_capacity(CHUNK_ROWS);
                let mut line_numbers = Vec::with_capacity(CHUNK_ROWS);
                let mut record = ByteRecord::new();
                while records.len() < CHUNK_ROWS {
                    match reader.read_byte_record(&mut record) {
                        Ok(true) => {
                            line_numbers.push(lines.line_of(&record));
                            records.push(std::mem::take(&mut record));
                        }
                        Ok(false) => break,
                        Err(error) => {
                            *ended = true;
                            return Some(Err(error).with_context(|| path.display().to_string()));
                        }
                    }
                }
                *ended = records.len() < CHUNK_ROWS;
                if records.is_empty() {
                    return None;
                }
                let progress = reader.position().byte();
                Some(Ok((Rows::Csv(records, line_numbers), progress)))
            }
            Chunks::Parquet {
                batches,
                rows_read,
                path,
            } => {
                let batch = batches.next()?;
                Some(
                    batch
                        .with_context(|| format!("cannot read {}", path.display()))
                        .map(|batch| {
                            *rows_read += batch.num_rows() as u64;
                            (Rows::Batch(batch), *rows_read)
                        }),
                )
            }
        }
    }
}

/// A text column of a record batch, whatever its string layout.
enum TextColumn<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> TextColumn<'a> {
    /// Columns are checked to be text when the file is opened.
    fn of(array: &'a dyn Array) -> TextColumn<'a> {
        if let Some(a) = array.as_string_opt::<i32>() {
            TextColumn::Utf8(a)
        } else if let Some(a) = array.as_string_opt::<i64>() {
            TextColumn::Large(a)
        } else {
            TextColumn::View(array.as_string_view())
        }
    }

    fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            TextColumn::Utf8(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::Large(a) => a.is_valid(row).then(|| a.value(row)),
            TextColumn::View(a) => a.is_valid(row).then(|| a.value(row)),
        }
    }
}

/// Where the rows go.
pub enum Sink {
    Csv(csv::Writer<Box<dyn Write + Send>>),
    Parquet {
        writer: ArrowWriter<File>,
        schema: SchemaRef,
    },
}

impl Sink {
    /// Opens the output (`out`, or standard output as CSV) with the input's columns and
    /// `new_column`, and writes a CSV header.
    pub fn open(out: Option<&Path>, new_column: &str, source: &Source) -> anyhow::Result<Sink> {
        if let Some(path) = out.filter(|path| is_parquet(path)) {
            let mut fields: Vec<Field> = match &source.kind {
                SourceKind::Parquet { schema, .. } => {
                    schema.fields().iter().map(|f| f.as_ref().clone()).collect()
                }
                SourceKind::Csv { .. } => source
                    .names
                    .iter()
                    .map(|n| Field::new(n, DataType::Utf8, true))
                    .collect(),
            };
            fields.push(Field::new(new_column, DataType::Utf8, true));
            let schema = Arc::new(Schema::new(fields));
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            // Row groups of a bounded size keep the writer's buffer (one row group) small,
            // and snappy is the one codec compiled in.
            let properties = WriterProperties::builder()
                .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                .set_compression(Compression::SNAPPY)
                .build();
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
                .with_context(|| format!("cannot write {}", path.display()))?;
            return Ok(Sink::Parquet { writer, schema });
        }
        let layout = match &source.kind {
            SourceKind::Csv { layout, .. } => *layout,
            SourceKind::Parquet { .. } => Layout::default(),
        };
        let out: Box<dyn Write + Send> = match out {
            Some(path) => Box::new(io::BufWriter::with_capacity(
                1 << 16,
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
            )),
            None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
        };
        let mut writer = layout.writer(out)?;
        let mut header: Vec<&str> = source.names.iter().map(String::as_str).collect();
        header.push(new_column);
        writer.write_record(&header)?;
        Ok(Sink::Csv(writer))
    }

    /// Writes the first `count` of `rows` with their `outputs`.
    pub fn write(&mut self, rows: &Rows, outputs: &[Cell], count: usize) -> anyhow::Result<()> {
        match (self, rows) {
            (Sink::Csv(writer), Rows::Csv(records, _)) => {
                for (record, output) in records.iter().zip(outputs).take(count) {
                    if let Cell::Malformed(_) = output {
                        writer.write_byte_record(record)?;
                        continue;
                    }
                    for field in record.iter() {
                        writer.write_field(field)?;
                    }
                    writer.write_field(output.value().unwrap_or_default())?;
                    writer.write_record(None::<&[u8]>)?;
                }
            }
            (Sink::Csv(writer), Rows::Batch(batch)) => {
                let mut line: Vec<String> = Vec::with_capacity(batch.num_columns() + 1);
                for (row, output) in outputs.iter().enumerate().take(count) {
                    line.clear();
                    for column in batch.columns() {
                        line.push(cell_text(column, row)?);
                    }
                    line.push(output.value().unwrap_or_default().to_string());
                    writer.write_record(&line)?;
                }
            }
            (Sink::Parquet { writer, schema }, rows) => {
                let mut columns: Vec<ArrayRef> = match rows {
                    Rows::Batch(batch) => {
                        batch.columns().iter().map(|c| c.slice(0, count)).collect()
                    }
                    Rows::Csv(records, _) => (0..schema.fields().len() - 1)
                        .map(|c| {
                            let values: StringArray = records
                                .iter()
                                .take(count)
                                .map(|r| r.get(c).map(|f| String::from_utf8_lossy(f)))
                                .collect();
                            Arc::new(values) as ArrayRef
                        })
                        .collect(),
                };
                let outputs: StringArray = outputs.iter().take(count).map(Cell::value).collect();
                columns.push(Arc::new(outputs));
                let batch = RecordBatch::try_new(schema.clone(), columns)
                    .context("cannot build a Parquet batch")?;
                writer.write(&batch).context("cannot write Parquet")?;
            }
        }
        Ok(())
    }

    /// Flushes the output; a Parquet file gets its footer. `out` names it in errors.
    pub fn finish(self, out: Option<&Path>) -> anyhow::Result<()> {
        match self {
            Sink::Csv(mut writer) => writer.flush()?,
            Sink::Parquet { writer, .. } => {
                writer.close().with_context(|| {
                    format!("cannot finish {}", out.unwrap_or(Path::new("-")).display())
                })?;
            }
        }
        Ok(())
    }
}

/// One cell of a record batch as CSV text (a null is the empty string).
fn cell_text(column: &ArrayRef, row: usize) -> anyhow::Result<String> {
    if column.is_null(row) {
        return Ok(String::new());
    }
    let text = match column.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            TextColumn::of(column.as_ref())
                .get(row)
                .unwrap_or_default()
                .to_string()
        }
        DataType::Boolean => column.as_boolean().value(row).to_string(),
        DataType::Int8 => column.as_primitive::<Int8Type>().value(row).to_string(),
        DataType::Int16 => column.as_primitive::<Int16Type>().value(row).to_string(),
        DataType::Int32 => column.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::UInt8 => column.as_primitive::<UInt8Type>().value(row).to_string(),
        DataType::UInt16 => column.as_primitive::<UInt16Type>().value(row).to_string(),
        DataType::UInt32 => column.as_primitive::<UInt32Type>().value(row).to_string(),
        DataType::UInt64 => column.as_primitive::<UInt64Type>().value(row).to_string(),
        DataType::Float32 => column.as_primitive::<Float32Type>().value(row).to_string(),
        DataType::Float64 => column.as_primitive::<Float64Type>().value(row).to_string(),
        other => {
            bail!(
                "a column of type {other} cannot be written as CSV; write Parquet instead (--out FILE.parquet)"
            );
        }
    };
    Ok(text)
}
