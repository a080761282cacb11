//! Prints the full `Extraction` of every JSON-lines document (`id`, `text`) on stdin as JSON
//! lines: run it before and after a change that must not change behaviour and `cmp` the two.
use std::io::BufRead;

fn main() {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let id = v["id"].as_str().unwrap_or("").to_string();
        let text = v["text"].as_str().unwrap_or("").to_string();
        let doc = attrib::Document::new(id, text);
        let ex = attrib::extract(&doc);
        println!("{}", serde_json::to_string(&ex).expect("ser"));
    }
}
