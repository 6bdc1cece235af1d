//! A streaming reader of SQL `INSERT` dumps, the form the Factbook archive publishes its
//! editions in (`../shared/data/factbook-editions/`, SQL Server flavour):
//!
//! ```sql
//! -- Countries: 9,500 rows
//! SET IDENTITY_INSERT Countries ON;
//! GO
//! INSERT INTO Countries (CountryID, Year, Code, Name, Source, MasterCountryID)
//! VALUES
//!   (1, 2000, N'aa', N'Aruba', N'html', 1),
//!   (2, 2000, N'bf', N'Bahamas, The', N'html', NULL);
//! GO
//! ```
//!
//! [`Reader`] yields one [`Row`] at a time from any [`BufRead`] (wrap a `.gz` file in a gzip
//! decoder first), holding only the row being read: memory is bounded by the largest value,
//! and a value over [`MAX_VALUE_BYTES`] is an error, not an allocation. Strings are `N'…'` or
//! `'…'` with `''` for a quote; `NULL`, integers and decimals are the other values; `--`
//! comments, `GO` separators and statements other than `INSERT` (`SET …;`) are skipped.
//!
//! Anything malformed is an [`SqlError`] naming the line, and reading goes on: the reader skips
//! to the next row (after the next `),` or `;`), so one bad row costs one row. Errors past
//! [`MAX_ERRORS`] in one stream end it (a file that is not SQL at all should not print a
//! million errors).

use std::io::BufRead;
use std::sync::Arc;

/// The longest value (string or number) a row may hold.
pub const MAX_VALUE_BYTES: usize = 16 << 20;
/// How many errors one stream may report before the reader gives up on it.
pub const MAX_ERRORS: usize = 100;

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// A string, unescaped.
    Text(String),
}

impl Value {
    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The integer of an integer value.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

/// One row of an `INSERT`.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The table.
    pub table: Arc<str>,
    /// The columns the `INSERT` names, shared by its rows.
    pub columns: Arc<[String]>,
    /// The values, one per column.
    pub values: Vec<Value>,
    /// The line the row starts on (1-based).
    pub line: u64,
}

impl Row {
    /// The value of column `name` (case-insensitive), if the row has it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let i = self
            .columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name))?;
        self.values.get(i)
    }
}

/// What is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct SqlError {
    /// The line (1-based).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Num(String),
    Open,
    Close,
    Comma,
    Semi,
    Eof,
}

/// The streaming reader. An iterator of rows and errors.
pub struct Reader<R> {
    input: R,
    line: u64,
    peeked: Option<u8>,
    /// The current `INSERT`'s table and columns, while its rows are being read.
    insert: Option<(Arc<str>, Arc<[String]>)>,
    errors: usize,
    done: bool,
    /// Set when an error left the reader at a row boundary (no resync needed).
    clean: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader of `input`.
    pub fn new(input: R) -> Reader<R> {
        Reader {
            input,
            line: 1,
            peeked: None,
            insert: None,
            errors: 0,
            done: false,
            clean: false,
        }
    }

    fn byte(&mut self) -> Result<Option<u8>, SqlError> {
        if let Some(b) = self.peeked.take() {
            return Ok(Some(b));
        }
        let buf = self.input.fill_buf().map_err(|e| SqlError {
            line: self.line,
            message: format!("cannot read: {e}"),
        })?;
        let Some(&b) = buf.first() else {
            return Ok(None);
        };
        self.input.consume(1);
        if b == b'\n' {
            self.line += 1;
        }
        Ok(Some(b))
    }

    fn unread(&mut self, b: u8) {
        self.peeked = Some(b);
    }

    fn err(&self, message: impl Into<String>) -> SqlError {
        SqlError {
            line: self.line,
            message: message.into(),
        }
    }

    /// The next token, skipping blanks and `--` comments.
    fn token(&mut self) -> Result<Token, SqlError> {
        loop {
            let Some(b) = self.byte()? else {
                return Ok(Token::Eof);
            };
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => continue,
                b'-' => match self.byte()? {
                    Some(b'-') => {
                        while let Some(c) = self.byte()? {
                            if c == b'\n' {
                                break;
                            }
                        }
                        continue;
                    }
                    Some(c) if c.is_ascii_digit() || c == b'.' => {
                        self.unread(c);
                        return self.number(b'-');
                    }
                    other => {
                        if let Some(c) = other {
                            self.unread(c);
                        }
                        return Err(self.err("a lone '-'"));
                    }
                },
                b'(' => return Ok(Token::Open),
                b')' => return Ok(Token::Close),
                b',' => return Ok(Token::Comma),
                b';' => return Ok(Token::Semi),
                b'\'' => return self.string(),
                b'N' | b'n' => match self.byte()? {
                    Some(b'\'') => return self.string(),
                    other => {
                        if let Some(c) = other {
                            self.unread(c);
                        }
                        return self.word(b);
                    }
                },
                b'0'..=b'9' | b'.' => return self.number(b),
                b'[' => {
                    // [Bracketed] identifier.
                    let mut w = Vec::new();
                    loop {
                        match self.byte()? {
                            Some(b']') => break,
                            Some(c) if w.len() < 256 => w.push(c),
                            Some(_) => return Err(self.err("an identifier longer than 256 bytes")),
                            None => return Err(self.err("an unclosed '['")),
                        }
                    }
                    let mut word = String::from_utf8_lossy(&w).into_owned();
                    // [schema].[table]
                    match self.byte()? {
                        Some(b'.') => {
                            if let Token::Word(rest) = self.token()? {
                                word.push('.');
                                word.push_str(&rest);
                            }
                        }
                        Some(c) => self.unread(c),
                        None => {}
                    }
                    return Ok(Token::Word(word));
                }
                c if c.is_ascii_alphabetic() || c == b'_' => return self.word(c),
                c => return Err(self.err(format!("an unexpected byte {:?}", c as char))),
            }
        }
    }

    fn word(&mut self, first: u8) -> Result<Token, SqlError> {
        let mut w = vec![first];
        while let Some(c) = self.byte()? {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                if w.len() >= 256 {
                    return Err(self.err("a word longer than 256 bytes"));
                }
                w.push(c);
            } else {
                self.unread(c);
                break;
            }
        }
        Ok(Token::Word(String::from_utf8_lossy(&w).into_owned()))
    }

    fn number(&mut self, first: u8) -> Result<Token, SqlError> {
        let mut w = vec![first];
        while let Some(c) = self.byte()? {
            if c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-') {
                if w.len() >= 64 {
                    return Err(self.err("a number longer than 64 bytes"));
                }
                w.push(c);
            } else {
                self.unread(c);
                break;
            }
        }
        Ok(Token::Num(String::from_utf8_lossy(&w).into_owned()))
    }

    /// A quoted string after its opening quote; `''` is a quote.
    fn string(&mut self) -> Result<Token, SqlError> {
        let start = self.line;
        let mut s = Vec::new();
        loop {
            match self.byte()? {
                Some(b'\'') => match self.byte()? {
                    Some(b'\'') => s.push(b'\''),
                    other => {
                        if let Some(c) = other {
                            self.unread(c);
                        }
                        break;
                    }
                },
                Some(c) => {
                    if s.len() >= MAX_VALUE_BYTES {
                        // Skip the rest of the string so reading can resume after it.
                        while let Some(c) = self.byte()? {
                            if c == b'\'' {
                                match self.byte()? {
                                    Some(b'\'') => continue,
                                    other => {
                                        if let Some(c) = other {
                                            self.unread(c);
                                        }
                                        break;
                                    }
                                }
                            }
                        }
                        return Err(SqlError {
                            line: start,
                            message: format!("a string longer than {MAX_VALUE_BYTES} bytes"),
                        });
                    }
                    s.push(c);
                }
                None => {
                    return Err(SqlError {
                        line: start,
                        message: "a string that never ends".into(),
                    });
                }
            }
        }
        Ok(Token::Str(match String::from_utf8(s) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }))
    }

    /// Skip to the next row of the current `INSERT` (after `),`) or past the statement (`;`).
    fn resync(&mut self) -> Result<(), SqlError> {
        let mut after_close = false;
        loop {
            let t = match self.token() {
                Ok(t) => t,
                Err(_) => {
                    after_close = false;
                    continue;
                }
            };
            match t {
                Token::Eof => {
                    self.done = true;
                    return Ok(());
                }
                Token::Semi => {
                    self.insert = None;
                    return Ok(());
                }
                Token::Comma if after_close => return Ok(()),
                Token::Close => after_close = true,
                _ => after_close = false,
            }
        }
    }

    /// `INSERT INTO t (a, b) VALUES` after the word INSERT.
    fn header(&mut self) -> Result<(), SqlError> {
        match self.token()? {
            Token::Word(w) if w.eq_ignore_ascii_case("into") => {}
            t => return Err(self.err(format!("INSERT followed by {t:?}, not INTO"))),
        }
        let table = match self.token()? {
            Token::Word(w) => w,
            t => return Err(self.err(format!("INSERT INTO followed by {t:?}, not a table"))),
        };
        if self.token()? != Token::Open {
            return Err(self.err(format!("INSERT INTO {table} without its column list")));
        }
        let mut columns = Vec::new();
        loop {
            match self.token()? {
                Token::Word(w) => columns.push(w),
                t => return Err(self.err(format!("a column list with {t:?}"))),
            }
            match self.token()? {
                Token::Comma => continue,
                Token::Close => break,
                t => return Err(self.err(format!("a column list with {t:?}"))),
            }
        }
        match self.token()? {
            Token::Word(w) if w.eq_ignore_ascii_case("values") => {}
            t => {
                return Err(self.err(format!(
                    "INSERT INTO {table} (…) followed by {t:?}, not VALUES"
                )));
            }
        }
        let table: Arc<str> = table.rsplit('.').next().unwrap_or(&table).into();
        self.insert = Some((table, columns.into()));
        Ok(())
    }

    /// One `(…)` row of the current `INSERT`, after its `(`.
    fn row(&mut self, line: u64) -> Result<Row, SqlError> {
        let (table, columns) = self
            .insert
            .clone()
            .ok_or_else(|| self.err("a row outside an INSERT"))?;
        let mut values = Vec::with_capacity(columns.len());
        loop {
            let v = match self.token()? {
                Token::Str(s) => Value::Text(s),
                Token::Num(n) => match n.parse::<i64>() {
                    Ok(i) => Value::Int(i),
                    Err(_) => n
                        .parse::<f64>()
                        .map(Value::Float)
                        .map_err(|_| self.err(format!("{n:?} is not a number")))?,
                },
                Token::Word(w) if w.eq_ignore_ascii_case("null") => Value::Null,
                t => return Err(self.err(format!("{t:?} where a value should be"))),
            };
            values.push(v);
            match self.token()? {
                Token::Comma => continue,
                Token::Close => break,
                t => return Err(self.err(format!("{t:?} after a value"))),
            }
        }
        // After the row: `,` (another row), `;` (end), or the next statement (GO, INSERT).
        let mut next_insert = false;
        match self.token()? {
            Token::Comma => {}
            Token::Semi | Token::Eof => self.insert = None,
            Token::Word(w) => {
                self.insert = None;
                next_insert = w.eq_ignore_ascii_case("insert");
            }
            t => return Err(self.err(format!("{t:?} after a row"))),
        }
        let wrong_count = (values.len() != columns.len()).then(|| SqlError {
            line,
            message: format!(
                "a row of {} values for the {} columns of {table}",
                values.len(),
                columns.len()
            ),
        });
        if next_insert {
            self.header()?;
        }
        if let Some(e) = wrong_count {
            // The reader is at the next row already: no resync needed.
            self.clean = true;
            return Err(e);
        }
        Ok(Row {
            table,
            columns,
            values,
            line,
        })
    }

    fn next_row(&mut self) -> Option<Result<Row, SqlError>> {
        loop {
            if self.done {
                return None;
            }
            let t = match self.token() {
                Ok(t) => t,
                Err(e) => return Some(Err(e)),
            };
            let result = match t {
                Token::Eof => {
                    self.done = true;
                    if self.insert.is_some() {
                        self.insert = None;
                        return Some(Err(self.err("the file ends inside an INSERT")));
                    }
                    return None;
                }
                Token::Open if self.insert.is_some() => {
                    let line = self.line;
                    self.row(line)
                }
                Token::Word(w) if w.eq_ignore_ascii_case("insert") => match self.header() {
                    Ok(()) => continue,
                    Err(e) => Err(e),
                },
                Token::Word(w) if w.eq_ignore_ascii_case("go") => continue,
                Token::Semi => {
                    self.insert = None;
                    continue;
                }
                Token::Word(_) if self.insert.is_none() => {
                    // Another statement (SET …): skip to its end.
                    match self.resync() {
                        Ok(()) => continue,
                        Err(e) => Err(e),
                    }
                }
                other => Err(self.err(format!("{other:?} where a row should start"))),
            };
            return Some(result);
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Row, SqlError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_row()?;
        if let Err(e) = &item {
            self.errors += 1;
            if self.errors >= MAX_ERRORS {
                self.done = true;
                return Some(Err(SqlError {
                    line: e.line,
                    message: format!(
                        "{}; {MAX_ERRORS} errors, the rest of the file is skipped",
                        e.message
                    ),
                }));
            }
            if !self.done && !std::mem::take(&mut self.clean) {
                let _ = self.resync();
            }
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests;
