package io.allot.spark.ingest;

/** How to read an input path; AUTO decides per file from its extension, or its magic bytes. */
public enum InputFormat { AUTO, JSONL, PARQUET }
