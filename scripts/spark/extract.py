#!/usr/bin/env python3
"""whosaid extraction on Apache Spark.

Reads articles (JSON lines, one object per line with at least ``id`` and ``text``, or
Parquet with such columns), pipes every partition through
``whosaid extract --input jsonl --format docs`` with ``RDD.pipe``, and writes one
extracted document per line (JSON lines, what ``whosaid ingest --extracted`` stores) or
Parquet (the document's fields as columns, the extraction as a JSON string).

On a cluster, ship the binary with the job; it lands in each executor's working
directory, where the default ``--whosaid ./whosaid`` finds it::

    spark-submit --master spark://host:7077 --files target/release/whosaid \\
        scripts/spark/extract.py articles/ extracted/

Give articles an ``id``: without one, a document is named after its line within the
partition (``-:LINE``), which says nothing once partitions are merged.
"""

import argparse
import os
import shlex
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# The document fields of an extracted line, in the order whosaid writes them.
DOC_FIELDS = ["id", "title", "date", "source", "url", "origin", "text"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="articles: a JSON-lines or Parquet file or folder")
    p.add_argument("output", help="folder to write the extracted documents to")
    p.add_argument(
        "--input-format",
        choices=["auto", "jsonl", "parquet"],
        default="auto",
        help="auto: Parquet when the path ends in .parquet, JSON lines otherwise",
    )
    p.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument(
        "--whosaid",
        default="./whosaid",
        help="the binary as executors see it: ./whosaid (shipped with --files), an "
        "absolute path on every node, or a bare name looked up on the PATH",
    )
    p.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="split the articles into this many tasks, in input order (default: "
        "as read, one task per file split)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail a task when whosaid reports a bad article (default: report it in "
        "the executor's log and go on)",
    )
    return p.parse_args(argv)


def resolve_binary(spark, name):
    """The command executors run. Files shipped with --files land in each executor's
    working directory on a cluster, but in a temporary folder in local mode: there,
    the default ``./whosaid`` is looked up with SparkFiles."""
    master = spark.sparkContext.master
    if master.startswith("local") and name.startswith("./"):
        shipped = SparkFiles.get(name[2:])
        if os.path.exists(shipped):
            return shipped
    return name


def read_articles(spark, path, fmt):
    """Articles as an RDD of JSON lines, untouched when they are JSON lines already
    (no schema is inferred, so numeric ids keep their digits)."""
    if fmt == "auto":
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") else "jsonl"
    if fmt == "parquet":
        df = spark.read.parquet(path)
        return df.select(F.to_json(F.struct("*"))).rdd.map(lambda row: row[0])
    return spark.sparkContext.textFile(path)


def in_order(articles, partitions):
    """``articles`` in ``partitions`` ranges that keep the input order, so the part
    files, read in name order, give the documents as they came: the order ``ingest``
    stores them in decides speaker ids and, now and then, which speaker a name joins.
    (``repartition`` would shuffle them.)"""
    indexed = articles.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    return indexed.sortByKey(numPartitions=partitions).values()


def extract(spark, articles, whosaid, strict=False):
    """Pipe each partition of ``articles`` (JSON lines) through whosaid; an RDD of
    extracted-document lines."""
    cpus = spark.sparkContext.getConf().get("spark.task.cpus", "1")
    command = shlex.join([whosaid, "extract", "--input", "jsonl", "--format", "docs"])
    # RDD.pipe gives the command only this environment: one extraction thread per
    # task core (Spark runs a task per core), and the PATH for a bare name.
    env = {"RAYON_NUM_THREADS": cpus, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return articles.pipe(command, env=env, checkCode=strict)


def write(spark, docs, path, fmt):
    """Write extracted-document lines as text part files or as Parquet."""
    if fmt == "jsonl":
        docs.saveAsTextFile(path)
        return
    df = spark.createDataFrame(docs.map(lambda line: (line,)), "value string")
    cols = [F.get_json_object("value", f"$.{f}").alias(f) for f in DOC_FIELDS]
    extraction = F.get_json_object("value", "$.extraction")
    df.select(
        *cols,
        F.json_array_length(F.get_json_object("value", "$.extraction.quotes")).alias(
            "quotes"
        ),
        extraction.alias("extraction"),
    ).write.parquet(path)


def run(spark, args):
    """Read, extract and write as ``args`` (see ``parse_args``) say."""
    articles = read_articles(spark, args.input, args.input_format)
    if args.partitions > 0:
        articles = in_order(articles, args.partitions)
    docs = extract(spark, articles, resolve_binary(spark, args.whosaid), args.strict)
    write(spark, docs, args.output, args.output_format)


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("whosaid-extract").getOrCreate()
    try:
        run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
