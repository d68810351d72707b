// Reads Parquet files with hyparquet, a JavaScript Parquet reader that shares no code with DuckDB, and prints every
// row as JSON (64-bit integers as strings, timestamps as ISO 8601 text).
// Usage: node parquet-read.mjs FILE...
import { readFileSync } from "node:fs";
import { parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";

const rows = [];
for (const path of process.argv.slice(2)) {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  rows.push(...await parquetReadObjects({ file, compressors }));
}

console.log(JSON.stringify(rows, (_, value) => typeof value === "bigint" ? value.toString() : value));
