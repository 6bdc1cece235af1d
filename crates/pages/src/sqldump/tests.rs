//! The SQL dump reader on dumps written for these tests.

use super::*;

fn rows(sql: &str) -> Vec<Result<Row, SqlError>> {
    Reader::new(sql.as_bytes()).collect()
}

fn ok(sql: &str) -> Vec<Vec<Value>> {
    rows(sql)
        .into_iter()
        .map(|r| r.expect("row").values)
        .collect()
}

const DUMP: &str = "\
-- Towns: 3 rows
-- written for the tests

SET IDENTITY_INSERT Towns ON;
GO

INSERT INTO Towns (TownID, Name, Note, Share)
VALUES
  (1, N'Saint-Pierre', NULL, 0.5),
  (2, N'L''Anse, the bay', N'said \"hello\"; left', -3),
  (3, 'Ürümqi', N'multi
line', 12);
GO
SET IDENTITY_INSERT Towns OFF;
GO
INSERT INTO [dbo].[Rivers] ([RiverID], [Name]) VALUES (7, N'Nile')
GO
";

#[test]
fn reads_rows_with_every_kind_of_value() {
    let got = rows(DUMP);
    let rows: Vec<Row> = got.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&*rows[0].table, "Towns");
    assert_eq!(rows[0].columns.len(), 4);
    assert_eq!(
        rows[0].values,
        [
            Value::Int(1),
            Value::Text("Saint-Pierre".into()),
            Value::Null,
            Value::Float(0.5)
        ]
    );
    assert_eq!(
        rows[1].get("name").and_then(Value::as_str),
        Some("L'Anse, the bay")
    );
    assert_eq!(
        rows[1].get("Note").and_then(Value::as_str),
        Some("said \"hello\"; left")
    );
    assert_eq!(rows[1].get("Share"), Some(&Value::Int(-3)));
    assert_eq!(
        rows[2].get("Note").and_then(Value::as_str),
        Some("multi\nline")
    );
    assert_eq!(rows[2].get("Name").and_then(Value::as_str), Some("Ürümqi"));
    assert_eq!(&*rows[3].table, "Rivers");
    assert_eq!(rows[3].get("RiverID").and_then(Value::as_i64), Some(7));
    assert_eq!(rows[0].line, 9);
}

#[test]
fn a_bad_row_is_named_by_line_and_the_rest_is_read() {
    let sql =
        "INSERT INTO T (a, b) VALUES\n (1, N'x'),\n (2, @),\n (3, N'z'),\n (4),\n (5, N'w');\n";
    let got = rows(sql);
    let lines: Vec<String> = got
        .iter()
        .map(|r| match r {
            Ok(row) => format!("ok {}", row.values[0].as_i64().unwrap()),
            Err(e) => format!("err line {}", e.line),
        })
        .collect();
    assert_eq!(lines, ["ok 1", "err line 3", "ok 3", "err line 5", "ok 5"]);
    let err = got[3].as_ref().unwrap_err();
    assert!(
        err.message.contains("1 values for the 2 columns of T"),
        "{err}"
    );
}

#[test]
fn an_unterminated_string_or_insert_is_an_error_not_a_hang() {
    let got = rows("INSERT INTO T (a) VALUES (N'never ends");
    assert_eq!(got.len(), 1);
    assert!(got[0].as_ref().unwrap_err().message.contains("never ends"));
    let got = rows("INSERT INTO T (a) VALUES (1),");
    assert!(got.last().unwrap().is_err());
    let got = rows("INSERT INTO T (a VALUES (1);");
    assert!(got[0].is_err());
}

#[test]
fn garbage_ends_after_a_bounded_number_of_errors() {
    let garbage = "@".repeat(10_000);
    let got = rows(&garbage);
    assert!(got.len() <= MAX_ERRORS, "{} errors", got.len());
    assert!(got.iter().all(|r| r.is_err()));
    assert!(ok("").is_empty());
    assert!(ok("-- only a comment\nGO\n").is_empty());
}

#[test]
fn a_value_over_the_limit_is_refused_and_reading_goes_on() {
    let big = "x".repeat(MAX_VALUE_BYTES + 10);
    let sql = format!("INSERT INTO T (a) VALUES (N'{big}'), (N'small');");
    let got = rows(&sql);
    assert!(got[0].as_ref().unwrap_err().message.contains("longer than"));
    assert_eq!(
        got.last().unwrap().as_ref().unwrap().values[0],
        Value::Text("small".into())
    );
}
