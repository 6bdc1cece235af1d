#!/usr/bin/env python3
"""Find every Country Studies page in a crawl with Spark: `areabook scan` on each executor.

A list of WARC/WET paths (a Common Crawl `wet.paths` listing, or any text file with one path
or URL a line; `.gz` listings are read too) is spread over the executors; each partition runs
one `areabook scan --json` subprocess over its paths and its output lines (one JSON object per
page found) become the job's output part files. `areabook ingest OUT/part-*` loads them.

Paths that areabook reads itself (local files, http:// and https:// URLs) are passed as they
are; relative paths get `--prefix` (for Common Crawl: https://data.commoncrawl.org/); any other
scheme (s3://, s3a://, hdfs://, gs://) is streamed into the scan's stdin by `--fetch-cmd`
(`{}` is the path), e.g. `--fetch-cmd "aws s3 cp {} -"` or `--fetch-cmd "hdfs dfs -cat {}"`.

    spark-submit --master yarn --files target/release/areabook \
        examples/spark/scan_crawl.py --paths wet.paths.gz \
        --prefix https://data.commoncrawl.org/ --out hdfs:///cc/pages --partitions 2000

It runs unchanged in local mode (`python3 examples/spark/scan_crawl.py --master local[2] …`).
The binary is found, in order: `--binary`, the file shipped with `--files areabook`, `areabook`
on the PATH. Each subprocess uses `--threads` workers (default 1: give Spark one task per core).
"""
import argparse
import gzip
import os
import shlex
import shutil
import subprocess
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession

LOCAL_SCHEMES = ("http://", "https://", "file://")


def read_listing(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def resolve(path, prefix):
    if "://" in path or os.path.isabs(path) or not prefix:
        return path[len("file://"):] if path.startswith("file://") else path
    return prefix + path


def find_binary(given):
    if given:
        return given
    try:
        shipped = SparkFiles.get("areabook")
        if os.path.exists(shipped):
            os.chmod(shipped, 0o755)
            return shipped
    except Exception:  # not shipped with --files, or no SparkContext here
        pass
    found = shutil.which("areabook")
    if not found:
        raise RuntimeError("areabook not found: ship it with --files or pass --binary")
    return found


def scan_partition(paths, binary, threads, fetch_cmd):
    """Run areabook scan over this partition's paths; yield its JSON lines."""
    paths = list(paths)
    if not paths:
        return
    exe = find_binary(binary)
    direct = [p for p in paths if "://" not in p or p.startswith(LOCAL_SCHEMES)]
    piped = [p for p in paths if p not in direct]
    failed = []
    if direct:
        cmd = [exe, "scan", "--json", "--threads", str(threads), *direct]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        yield from (line.rstrip("\n") for line in proc.stdout)
        err = proc.stderr.read()
        if proc.wait() != 0:
            failed.append((direct, err))
    for path in piped:
        if not fetch_cmd:
            failed.append(([path], "no --fetch-cmd for this scheme"))
            continue
        fetch = subprocess.Popen(shlex.split(fetch_cmd.replace("{}", path)),
                                 stdout=subprocess.PIPE)
        proc = subprocess.Popen(
            [exe, "scan", "--json", "--threads", str(threads), "--stdin-name", path, "-"],
            stdin=fetch.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        fetch.stdout.close()
        yield from (line.rstrip("\n") for line in proc.stdout)
        err = proc.stderr.read()
        if proc.wait() != 0 or fetch.wait() != 0:
            failed.append(([path], err))
    for files, err in failed:
        # Pages found before a fault are kept; the fault goes to the executor's log.
        print(f"areabook scan failed on {files}: {err.strip()[-2000:]}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paths", required=True, help="listing: one WARC/WET path or URL a line")
    ap.add_argument("--out", required=True, help="output folder (part files of JSON lines)")
    ap.add_argument("--prefix", default="", help="prepended to relative paths")
    ap.add_argument("--partitions", type=int, default=0, help="default: one per path")
    ap.add_argument("--threads", type=int, default=1, help="areabook scan --threads")
    ap.add_argument("--binary", default="", help="areabook on the executors")
    ap.add_argument("--fetch-cmd", default="", help="streams other schemes to stdout: {} is the path")
    ap.add_argument("--master", default="", help="e.g. local[2] (else spark-submit's)")
    a = ap.parse_args()

    builder = SparkSession.builder.appName("areabook-scan")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    paths = [resolve(p, a.prefix) for p in read_listing(a.paths)]
    partitions = a.partitions or max(1, len(paths))
    binary, threads, fetch_cmd = a.binary, a.threads, a.fetch_cmd
    (sc.parallelize(paths, partitions)
       .mapPartitions(lambda it: scan_partition(it, binary, threads, fetch_cmd))
       .saveAsTextFile(a.out))
    spark.stop()


if __name__ == "__main__":
    main()
