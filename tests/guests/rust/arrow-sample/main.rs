//! Writes a sample Arrow IPC stream with the SDK's writer, from values read with the SDK's JSON reader, so the C#
//! tests can check both with Apache.Arrow: `arrow-sample OUT.arrows`. Built for the native target.

use hakiri_connector::arrow::{self, Column, Values};
use hakiri_connector::json::{self, Value};

const DOCUMENT: &str = r#"{"rows": [
  {"id": 1, "name": "Zo\u00eb \u00c5ngstr\u00f6m", "score": 4.5, "active": true, "note": null},
  {"id": -9007199254740993, "name": "emoji \ud83d\ude00 \"quoted\" \\ tab\t", "score": -0.125e2, "active": false},
  {"id": 9223372036854775807, "name": null, "score": null, "active": null, "note": "日本語"},
  {"id": 0, "name": "", "score": 1E-3, "active": true, "note": "line\nbreak \/ slash"}
]}"#;

fn main() {
    let out = std::env::args().nth(1).expect("usage: arrow-sample OUT.arrows");
    let document = json::parse(DOCUMENT.as_bytes()).expect("the sample document parses");
    let rows = document.get("rows").and_then(Value::as_array).expect("rows");
    let present = |row: &Value, key: &str| row.get(key).filter(|v| !v.is_null()).cloned();
    let columns = vec![
        Column::new("id", false, Values::Int64(rows.iter().map(|r| r.get("id").and_then(Value::as_i64)).collect())),
        Column::new("name", true, Values::Utf8(rows.iter().map(|r| present(r, "name").and_then(|v| v.as_str().map(str::to_string))).collect())),
        Column::new("score", true, Values::Float64(rows.iter().map(|r| present(r, "score").and_then(|v| v.as_f64())).collect())),
        Column::new("active", true, Values::Boolean(rows.iter().map(|r| present(r, "active").and_then(|v| v.as_bool())).collect())),
        Column::new("note", true, Values::Utf8(rows.iter().map(|r| present(r, "note").and_then(|v| v.as_str().map(str::to_string))).collect())),
        // Nine rows would need two validity bytes; a column with no nulls has no bitmap at all.
        Column::new("all_set", false, Values::Boolean(vec![Some(true), Some(false), Some(true), Some(true)])),
    ];
    for bad in [&br#"{"a": "\ud83d"}"#[..], br#"[1,]"#, br#"{"a": 01}"#, br#""\x""#, b"[1] 2"] {
        assert!(json::parse(bad).is_err(), "{} should not parse", String::from_utf8_lossy(bad));
    }
    let stream = arrow::write_stream(&columns).expect("the columns are consistent");
    std::fs::write(&out, stream).expect("the output file is writable");
}
