#!/usr/bin/env python3
"""End-to-end check of scripts/spark/extract.py: in one local Spark session, extract
the articles from JSON lines to JSON lines and from Parquet to Parquet, and check that
both give, document for document, what one ``whosaid extract`` process gives.

    python3 scripts/spark/test_extract.py --whosaid target/debug/whosaid \\
        [--articles fixtures/jsonl/articles.jsonl] [--master local[2]]

Exits 0 when both outputs match, 1 with the differences otherwise.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import extract  # noqa: E402  (the job under test, beside this file)
from pyspark.sql import SparkSession  # noqa: E402


def by_id(lines):
    """Extracted documents by id; an id seen twice is an error."""
    docs = {}
    for line in lines:
        if not line.strip():
            continue
        doc = json.loads(line)
        if doc["id"] in docs:
            raise AssertionError(f"document {doc['id']!r} twice")
        docs[doc["id"]] = doc
    return docs


def single_process(whosaid, articles):
    """What one ``whosaid extract`` process writes for the articles on its stdin."""
    with open(articles, "rb") as f:
        out = subprocess.run(
            [whosaid, "extract", "--input", "jsonl", "--format", "docs"],
            stdin=f,
            capture_output=True,
            check=True,
        )
    return by_id(out.stdout.decode("utf-8").splitlines())


def read_jsonl_parts(folder):
    lines = []
    for part in sorted(Path(folder).glob("part-*")):
        lines.extend(part.read_text(encoding="utf-8").splitlines())
    return by_id(lines)


def read_parquet(spark, folder):
    """The Parquet output turned back into extracted-document lines."""
    lines = []
    for row in spark.read.parquet(folder).collect():
        doc = {f: row[f] for f in extract.DOC_FIELDS}
        doc["extraction"] = json.loads(row["extraction"])
        if row["quotes"] != len(doc["extraction"]["quotes"]):
            raise AssertionError(f"{doc['id']}: quotes column {row['quotes']}")
        lines.append(json.dumps(doc))
    return by_id(lines)


def same_database(whosaid, articles, parts, tmp):
    """Differences between the listings of a database ingested from the articles and
    one ingested from the Spark job's part files."""
    plain, spark = os.path.join(tmp, "plain.db"), os.path.join(tmp, "spark.db")
    with open(articles, "rb") as f:
        subprocess.run([whosaid, "--db", plain, "ingest", "--input", "jsonl"], stdin=f,
                       check=True, capture_output=True)
    stored = subprocess.run([whosaid, "--db", spark, "ingest", "--extracted", parts],
                            capture_output=True, text=True)
    if stored.returncode != 0:
        return [f"ingest --extracted {parts}: {stored.stderr.strip()}"]
    problems = []
    for listing in (["quotes", "--limit", "0"], ["speakers"], ["claims"]):
        outs = [
            subprocess.run([whosaid, "--db", db, *listing, "--format", "jsonl"],
                           check=True, capture_output=True).stdout
            for db in (plain, spark)
        ]
        if outs[0] != outs[1] or not outs[0]:
            problems.append(f"{listing[0]}: the databases differ")
    return problems


def compare(name, got, want):
    """Differences between two outputs, as messages."""
    problems = []
    for i in sorted(want.keys() - got.keys()):
        problems.append(f"{name}: {i} missing")
    for i in sorted(got.keys() - want.keys()):
        problems.append(f"{name}: {i} not in the single-process output")
    for i in sorted(got.keys() & want.keys()):
        if got[i] != want[i]:
            problems.append(f"{name}: {i} differs")
    return problems


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--whosaid", required=True, help="the whosaid binary")
    p.add_argument(
        "--articles",
        default=str(HERE.parent.parent / "fixtures" / "jsonl" / "articles.jsonl"),
    )
    p.add_argument("--master", default="local[2]")
    a = p.parse_args(argv)
    whosaid = os.path.abspath(a.whosaid)

    want = single_process(whosaid, a.articles)
    if not want or not any(d["extraction"]["quotes"] for d in want.values()):
        print("the articles give no quotations: nothing is tested", file=sys.stderr)
        return 1
    spark = (
        SparkSession.builder.master(a.master)
        .appName("whosaid-extract-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    problems = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # JSON lines in, JSON lines out, over more partitions than cores.
            out = os.path.join(tmp, "docs")
            started = time.monotonic()
            args = extract.parse_args(
                [a.articles, out, "--whosaid", whosaid, "--partitions", "3", "--strict"]
            )
            extract.run(spark, args)
            took = time.monotonic() - started
            problems += compare("jsonl", read_jsonl_parts(out), want)
            print(f"jsonl: {len(want)} documents in {took:.1f} s", file=sys.stderr)
            # The part files, stored by `ingest --extracted` folder and all, give the
            # database one `ingest` of the articles gives.
            problems += same_database(whosaid, a.articles, out, tmp)

            # Parquet in (the same articles), Parquet out.
            pq_in = os.path.join(tmp, "articles.parquet")
            spark.read.json(a.articles).write.parquet(pq_in)
            pq_out = os.path.join(tmp, "docs.parquet")
            args = extract.parse_args(
                [pq_in, pq_out, "--output-format", "parquet", "--whosaid", whosaid]
            )
            extract.run(spark, args)
            problems += compare("parquet", read_parquet(spark, pq_out), want)
    finally:
        spark.stop()
    for msg in problems:
        print(msg, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
