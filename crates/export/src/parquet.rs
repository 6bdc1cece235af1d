//! Parquet: four tables in a folder, written with the `arrow` and `parquet` crates.
//!
//! - `sections.parquet`: one row per section with every field: `section_id`, `book_id`,
//!   `book`, `book_kind`, `edition`, `country_id`, `country`, `iso`, `fips`,
//!   `section_title`, `display_title`, `heading`, `kind`, `data_as_of`, `as_of_year` (int32),
//!   `ord` (int64), `paragraphs` (list of strings), `fields` (list of `{label, value}`),
//!   `provenance` (list of `{mirror, url, path, seen_at}`), `country_inferred` (JSON text).
//! - `timeline.parquet`: the dated statements (sentence, date words and their code-point
//!   range, ISO start and end, granularity, modifier, TIMEX value, state ids).
//! - `mentions.parquet`: every linked name (code-point range, words, gazetteer id, name,
//!   kind, coordinates, confidence).
//! - `events.parquet`: every coded event (actors with codes and gazetteer ids, PLOVER type
//!   and mode, dates, trigger, negation, rule).
//!
//! Every table has `section_id` to join on. Rows are buffered [`BATCH`] at a time and row
//! groups hold at most [`ROW_GROUP`] rows, so memory stays bounded; compression is Snappy.
//! Each row is built from the row type's serde form, so a field added to the library's
//! export types must be added to the column list here (a test checks that none is missed).

use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, ListBuilder,
    StringBuilder, StructBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, Schema};
use library::{ExportFilter, Library};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::Serialize;
use serde_json::Value;

use crate::{Error, Progress, Result, Written, WrittenFile, io_err};

/// Rows buffered before they are handed to the Parquet writer.
pub const BATCH: usize = 1024;
/// Rows per row group.
pub const ROW_GROUP: usize = 8192;

/// A column's type.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// UTF-8, never null (a missing value is written as "").
    Str,
    /// UTF-8 or null (a JSON object or array is written as its JSON text).
    OptStr,
    /// int64.
    I64,
    /// int32 or null.
    OptI32,
    /// float64.
    F64,
    /// float64 or null.
    OptF64,
    /// boolean.
    Bool,
    /// list of UTF-8.
    ListStr,
    /// list of structs whose fields are all nullable UTF-8.
    ListStruct(&'static [&'static str]),
}

/// The `sections` table's columns.
pub const SECTIONS: &[(&str, Ty)] = &[
    ("section_id", Ty::Str),
    ("book_id", Ty::Str),
    ("book", Ty::Str),
    ("book_kind", Ty::Str),
    ("edition", Ty::OptStr),
    ("country_id", Ty::Str),
    ("country", Ty::Str),
    ("iso", Ty::OptStr),
    ("fips", Ty::OptStr),
    ("section_title", Ty::OptStr),
    ("display_title", Ty::Str),
    ("heading", Ty::OptStr),
    ("kind", Ty::Str),
    ("data_as_of", Ty::OptStr),
    ("as_of_year", Ty::OptI32),
    ("ord", Ty::I64),
    ("paragraphs", Ty::ListStr),
    ("fields", Ty::ListStruct(&["label", "value"])),
    (
        "provenance",
        Ty::ListStruct(&["mirror", "url", "path", "seen_at"]),
    ),
    ("country_inferred", Ty::OptStr),
];

/// The `timeline` table's columns.
pub const TIMELINE: &[(&str, Ty)] = &[
    ("section_id", Ty::Str),
    ("paragraph", Ty::I64),
    ("sentence", Ty::Str),
    ("expr_start", Ty::I64),
    ("expr_end", Ty::I64),
    ("expression", Ty::Str),
    ("start", Ty::Str),
    ("end", Ty::Str),
    ("granularity", Ty::Str),
    ("modifier", Ty::OptStr),
    ("value", Ty::Str),
    ("countries", Ty::ListStr),
    ("from_context", Ty::Bool),
];

/// The `mentions` table's columns.
pub const MENTIONS: &[(&str, Ty)] = &[
    ("section_id", Ty::Str),
    ("paragraph", Ty::I64),
    ("start", Ty::I64),
    ("end", Ty::I64),
    ("text", Ty::Str),
    ("entity_id", Ty::Str),
    ("name", Ty::Str),
    ("kind", Ty::Str),
    ("lat", Ty::OptF64),
    ("lon", Ty::OptF64),
    ("confidence", Ty::F64),
];

/// The `events` table's columns.
pub const EVENTS: &[(&str, Ty)] = &[
    ("section_id", Ty::Str),
    ("paragraph", Ty::I64),
    ("sentence", Ty::Str),
    ("source", Ty::Str),
    ("source_text", Ty::Str),
    ("source_code", Ty::Str),
    ("source_entity", Ty::Str),
    ("target", Ty::OptStr),
    ("target_text", Ty::OptStr),
    ("target_code", Ty::OptStr),
    ("target_entity", Ty::OptStr),
    ("event_type", Ty::Str),
    ("mode", Ty::OptStr),
    ("start", Ty::OptStr),
    ("end", Ty::OptStr),
    ("date_inherited", Ty::Bool),
    ("trigger", Ty::Str),
    ("negated", Ty::Bool),
    ("rule", Ty::Str),
];

fn struct_fields(names: &[&str]) -> Fields {
    names
        .iter()
        .map(|n| Field::new(*n, DataType::Utf8, true))
        .collect()
}

fn data_type(ty: Ty) -> (DataType, bool) {
    let item = |t: DataType| Arc::new(Field::new("item", t, true));
    match ty {
        Ty::Str => (DataType::Utf8, false),
        Ty::OptStr => (DataType::Utf8, true),
        Ty::I64 => (DataType::Int64, false),
        Ty::OptI32 => (DataType::Int32, true),
        Ty::F64 => (DataType::Float64, false),
        Ty::OptF64 => (DataType::Float64, true),
        Ty::Bool => (DataType::Boolean, false),
        Ty::ListStr => (DataType::List(item(DataType::Utf8)), false),
        Ty::ListStruct(names) => (
            DataType::List(item(DataType::Struct(struct_fields(names)))),
            false,
        ),
    }
}

/// The Arrow schema of a column list.
pub fn schema(columns: &[(&str, Ty)]) -> Schema {
    Schema::new(
        columns
            .iter()
            .map(|(name, ty)| {
                let (t, nullable) = data_type(*ty);
                Field::new(*name, t, nullable)
            })
            .collect::<Vec<_>>(),
    )
}

enum Builder {
    Str(StringBuilder, bool),
    I64(Int64Builder),
    I32(Int32Builder),
    F64(Float64Builder, bool),
    Bool(BooleanBuilder),
    ListStr(ListBuilder<StringBuilder>),
    ListStruct(ListBuilder<StructBuilder>, &'static [&'static str]),
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

impl Builder {
    fn new(ty: Ty) -> Builder {
        match ty {
            Ty::Str => Builder::Str(StringBuilder::new(), false),
            Ty::OptStr => Builder::Str(StringBuilder::new(), true),
            Ty::I64 => Builder::I64(Int64Builder::new()),
            Ty::OptI32 => Builder::I32(Int32Builder::new()),
            Ty::F64 => Builder::F64(Float64Builder::new(), false),
            Ty::OptF64 => Builder::F64(Float64Builder::new(), true),
            Ty::Bool => Builder::Bool(BooleanBuilder::new()),
            Ty::ListStr => Builder::ListStr(ListBuilder::new(StringBuilder::new())),
            Ty::ListStruct(names) => Builder::ListStruct(
                ListBuilder::new(StructBuilder::from_fields(struct_fields(names), 0)),
                names,
            ),
        }
    }

    fn push(&mut self, v: &Value) {
        match self {
            Builder::Str(b, true) => b.append_option(text_of(v)),
            Builder::Str(b, false) => b.append_value(text_of(v).unwrap_or_default()),
            Builder::I64(b) => b.append_value(v.as_i64().unwrap_or(0)),
            Builder::I32(b) => b.append_option(v.as_i64().and_then(|n| i32::try_from(n).ok())),
            Builder::F64(b, true) => b.append_option(v.as_f64()),
            Builder::F64(b, false) => b.append_value(v.as_f64().unwrap_or(0.0)),
            Builder::Bool(b) => b.append_value(v.as_bool().unwrap_or(false)),
            Builder::ListStr(b) => {
                for item in v.as_array().into_iter().flatten() {
                    b.values().append_option(text_of(item));
                }
                b.append(true);
            }
            Builder::ListStruct(b, names) => {
                for item in v.as_array().into_iter().flatten() {
                    let s = b.values();
                    for (i, name) in names.iter().enumerate() {
                        if let Some(f) = s.field_builder::<StringBuilder>(i) {
                            f.append_option(item.get(*name).and_then(text_of));
                        }
                    }
                    s.append(true);
                }
                b.append(true);
            }
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Str(b, _) => Arc::new(b.finish()),
            Builder::I64(b) => Arc::new(b.finish()),
            Builder::I32(b) => Arc::new(b.finish()),
            Builder::F64(b, _) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::ListStr(b) => Arc::new(b.finish()),
            Builder::ListStruct(b, _) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Str(b, _) => b.len(),
            Builder::I64(b) => b.len(),
            Builder::I32(b) => b.len(),
            Builder::F64(b, _) => b.len(),
            Builder::Bool(b) => b.len(),
            Builder::ListStr(b) => b.len(),
            Builder::ListStruct(b, _) => b.len(),
        }
    }
}

/// Writes one table: rows in, Parquet out, [`BATCH`] rows at a time.
pub struct TableWriter {
    path: std::path::PathBuf,
    part: std::path::PathBuf,
    columns: &'static [(&'static str, Ty)],
    schema: Arc<Schema>,
    builders: Vec<Builder>,
    writer: ArrowWriter<std::io::BufWriter<std::fs::File>>,
    rows: u64,
}

impl TableWriter {
    /// Start writing `path` with these columns (as `path.part`, renamed by [`finish`](Self::finish)).
    pub fn create(path: &Path, columns: &'static [(&'static str, Ty)]) -> Result<TableWriter> {
        let mut part = path.as_os_str().to_owned();
        part.push(".part");
        let part = std::path::PathBuf::from(part);
        let file = std::fs::File::create(&part).map_err(io_err(&part))?;
        let schema = Arc::new(schema(columns));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_size(ROW_GROUP)
            .set_created_by(format!("areabook {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(
            std::io::BufWriter::with_capacity(1 << 16, file),
            schema.clone(),
            Some(props),
        )
        .map_err(|e| parquet_err(path, e))?;
        Ok(TableWriter {
            path: path.to_owned(),
            part,
            columns,
            schema,
            builders: columns.iter().map(|(_, t)| Builder::new(*t)).collect(),
            writer,
            rows: 0,
        })
    }

    /// Add a row: a serializable value whose fields are named as the columns are.
    pub fn push<T: Serialize>(&mut self, row: &T) -> Result<()> {
        let value = serde_json::to_value(row).map_err(|e| Error::Parquet {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        self.push_value(&value)
    }

    /// Add a row given as a JSON object.
    pub fn push_value(&mut self, value: &Value) -> Result<()> {
        for ((name, _), b) in self.columns.iter().zip(&mut self.builders) {
            b.push(value.get(*name).unwrap_or(&Value::Null));
        }
        self.rows += 1;
        if self.builders.first().map_or(0, Builder::len) >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.builders.first().map_or(0, Builder::len) == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch =
            RecordBatch::try_new(self.schema.clone(), arrays).map_err(|e| Error::Parquet {
                path: self.path.clone(),
                message: e.to_string(),
            })?;
        self.writer
            .write(&batch)
            .map_err(|e| parquet_err(&self.path, e))
    }

    /// Write what is buffered, close the file and rename it into place.
    pub fn finish(mut self) -> Result<WrittenFile> {
        self.flush()?;
        let mut inner = self
            .writer
            .into_inner()
            .map_err(|e| parquet_err(&self.path, e))?;
        std::io::Write::flush(&mut inner).map_err(io_err(&self.path))?;
        drop(inner);
        std::fs::rename(&self.part, &self.path).map_err(io_err(&self.path))?;
        let bytes = std::fs::metadata(&self.path)
            .map_err(io_err(&self.path))?
            .len();
        Ok(WrittenFile {
            path: self.path,
            rows: self.rows,
            bytes,
        })
    }
}

fn parquet_err(path: &Path, e: parquet::errors::ParquetError) -> Error {
    Error::Parquet {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Write the four tables for the sections `filter` selects into the folder `dir`.
pub fn write(
    lib: &Library,
    filter: &ExportFilter,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<Written> {
    crate::create_dir(dir)?;
    let mut out = Written::default();

    progress.stage("sections", Some(lib.export_count(filter)?));
    let mut t = TableWriter::create(&dir.join("sections.parquet"), SECTIONS)?;
    lib.export_sections(filter, |s| -> Result<()> {
        let mut v = serde_json::to_value(&s).map_err(|e| Error::Parquet {
            path: dir.join("sections.parquet"),
            message: e.to_string(),
        })?;
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "as_of_year".into(),
                crate::as_of_year(s.data_as_of.as_deref()).into(),
            );
        }
        t.push_value(&v)?;
        progress.inc(1);
        Ok(())
    })?;
    out.files.push(t.finish()?);

    progress.stage("timeline entries", None);
    let mut t = TableWriter::create(&dir.join("timeline.parquet"), TIMELINE)?;
    lib.export_timeline(filter, |row| -> Result<()> {
        progress.inc(1);
        t.push(&row)
    })?;
    out.files.push(t.finish()?);

    progress.stage("entity mentions", None);
    let mut t = TableWriter::create(&dir.join("mentions.parquet"), MENTIONS)?;
    lib.export_mentions(filter, |row| -> Result<()> {
        progress.inc(1);
        t.push(&row)
    })?;
    out.files.push(t.finish()?);

    progress.stage("events", None);
    let mut t = TableWriter::create(&dir.join("events.parquet"), EVENTS)?;
    lib.export_events(filter, |row| -> Result<()> {
        progress.inc(1);
        t.push(&row)
    })?;
    out.files.push(t.finish()?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_every_type_are_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let mut t = TableWriter::create(&path, SECTIONS).unwrap();
        for i in 0..(BATCH as i64 + 5) {
            t.push_value(&serde_json::json!({
                "section_id": format!("s{i}"), "ord": i, "as_of_year": 1989,
                "paragraphs": ["one", "two"],
                "provenance": [{"mirror": "loc", "url": "http://x/", "seen_at": null}],
                "country_inferred": {"name": "Japan"}
            }))
            .unwrap();
        }
        let w = t.finish().unwrap();
        assert_eq!(w.rows, BATCH as u64 + 5);
        assert!(!dir.path().join("t.parquet.part").exists());
        let file = std::fs::File::open(&path).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut rows = 0;
        for batch in reader {
            let batch = batch.unwrap();
            assert_eq!(batch.schema().fields().len(), SECTIONS.len());
            rows += batch.num_rows();
        }
        assert_eq!(rows, BATCH + 5);
    }

    #[test]
    fn every_field_of_the_export_types_has_a_column() {
        // The serde names of the library's export rows, against the column lists.
        let section: Vec<String> = serde_json::to_value(sample_section())
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for k in section {
            assert!(SECTIONS.iter().any(|(n, _)| *n == k), "no column for {k}");
        }
    }

    fn sample_section() -> library::ExportSection {
        library::ExportSection {
            section_id: String::new(),
            book_id: String::new(),
            book: String::new(),
            book_kind: String::new(),
            edition: None,
            country_id: String::new(),
            country: String::new(),
            iso: None,
            fips: None,
            section_title: None,
            display_title: String::new(),
            heading: None,
            kind: String::new(),
            data_as_of: None,
            ord: 0,
            paragraphs: Vec::new(),
            fields: Vec::new(),
            provenance: Vec::new(),
            country_inferred: None,
        }
    }
}
