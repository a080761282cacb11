//! End-to-end: `whosaid export --format parquet` writes four tables that read back
//! (with the parquet crate's own reader) with the rows the store's listings show.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::date32_to_datetime;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::{Map, Value, json};
use store::Store;

use crate::common::{fixture, json_lines, whosaid};

/// One cell as JSON: dates as `YYYY-MM-DD`, as the listings print them.
fn cell(col: &ArrayRef, i: usize) -> Value {
    if col.is_null(i) {
        return Value::Null;
    }
    match col.data_type() {
        DataType::Int64 => json!(col.as_primitive::<Int64Type>().value(i)),
        DataType::Float64 => json!(col.as_primitive::<Float64Type>().value(i)),
        DataType::Utf8 => json!(col.as_string::<i32>().value(i)),
        DataType::Date32 => {
            let days = col.as_primitive::<Date32Type>().value(i);
            json!(date32_to_datetime(days).unwrap().date().to_string())
        }
        DataType::List(_) => {
            let items = col.as_list::<i32>().value(i);
            (0..items.len()).map(|j| cell(&items, j)).collect()
        }
        other => panic!("unexpected column type {other}"),
    }
}

/// Every row of a Parquet file as a JSON object keyed by column name.
fn read_rows(path: &Path) -> Vec<Map<String, Value>> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let schema = batch.schema();
        for i in 0..batch.num_rows() {
            let row = schema
                .fields()
                .iter()
                .zip(batch.columns())
                .map(|(f, col)| (f.name().clone(), cell(col, i)))
                .collect();
            rows.push(row);
        }
    }
    rows
}

/// Rows by their value in column `key`.
fn by<'a>(rows: &'a [Map<String, Value>], key: &str) -> HashMap<i64, &'a Map<String, Value>> {
    rows.iter().map(|r| (r[key].as_i64().unwrap(), r)).collect()
}

fn listing(db: &Path, args: &[&str]) -> Vec<Value> {
    let out = whosaid(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    json_lines(&out.stdout)
}

#[test]
fn exported_tables_read_back_with_the_stored_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    whosaid(&db)
        .arg("ingest")
        .args([
            fixture("articles"),
            fixture("claims"),
            fixture("jsonl/articles.jsonl"),
        ])
        .assert()
        .success();
    let out = dir.path().join("tables");
    whosaid(&db)
        .args(["export", "--format", "parquet", "--out"])
        .arg(&out)
        .assert()
        .success();

    let stats = Store::open_read_only(&db).unwrap().stats().unwrap();
    let quotations = read_rows(&out.join("quotations.parquet"));
    let speakers = read_rows(&out.join("speakers.parquet"));
    let claims = read_rows(&out.join("claims.parquet"));
    let sightings = read_rows(&out.join("sightings.parquet"));
    assert!(stats.quotes > 50);
    assert_eq!(quotations.len() as i64, stats.quotes);
    assert_eq!(speakers.len() as i64, stats.speakers);

    // Every quotation as `quotes` lists it.
    let q = by(&quotations, "id");
    let listed = listing(&db, &["quotes", "--limit", "0", "--format", "jsonl"]);
    assert_eq!(listed.len(), quotations.len());
    for l in &listed {
        let row = q[&l["id"].as_i64().unwrap()];
        for (col, field) in [
            ("text", "text"),
            ("speaker", "speaker"),
            ("speaker_id", "speaker_id"),
            ("kind", "kind"),
            ("published", "date"),
            ("doc_key", "doc_key"),
            ("outlet", "outlet"),
            ("title", "title"),
            ("cue", "cue"),
            ("start", "start"),
            ("end", "end"),
            ("confidence", "confidence"),
        ] {
            assert_eq!(row[col], l[field], "quotation {}: {col}", l["id"]);
        }
    }
    let with_url = quotations.iter().filter(|r| r["url"].is_string()).count();
    assert!(with_url > 0, "the JSON-lines fixtures have URLs");

    // Every speaker with quotations as `speakers` lists it.
    let s = by(&speakers, "id");
    for l in listing(&db, &["speakers", "--format", "jsonl"]) {
        let row = s[&l["id"].as_i64().unwrap()];
        for col in ["name", "kind", "quotes", "aliases"] {
            assert_eq!(row[col], l[col], "speaker {}: {col}", l["id"]);
        }
    }

    // Every claim as `claims` lists it; sightings tie quotations to them.
    let c = by(&claims, "id");
    let listed = listing(&db, &["claims", "--format", "jsonl"]);
    assert_eq!(listed.len(), claims.len());
    for l in &listed {
        let row = c[&l["claim"].as_i64().unwrap()];
        for col in ["sightings", "first_seen", "last_seen", "text"] {
            assert_eq!(row[col], l[col], "claim {}: {col}", l["claim"]);
        }
    }
    assert!(
        listed.iter().any(|l| l["sightings"].as_i64() > Some(1)),
        "the claim fixtures repeat a statement"
    );
    assert_eq!(sightings.len(), quotations.len());
    for row in &sightings {
        let quote = q[&row["quote_id"].as_i64().unwrap()];
        assert_eq!(quote["claim_id"], row["claim_id"]);
        assert!(c.contains_key(&row["claim_id"].as_i64().unwrap()));
    }
}

#[test]
fn export_needs_an_existing_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = whosaid(&dir.path().join("missing.db"))
        .args(["export", "--format", "parquet", "--out"])
        .arg(dir.path().join("t"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"));
    assert!(!dir.path().join("t").exists());
}
