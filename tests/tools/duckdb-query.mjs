// Runs SQL in DuckDB's own Node client (not Hakiri's code path) and prints the rows as JSON.
// Usage: node duckdb-query.mjs "SQL"
import { DuckDBInstance } from "@duckdb/node-api";

const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(process.argv[2]);
const rows = reader.getRowObjectsJson();
console.log(JSON.stringify(rows));
