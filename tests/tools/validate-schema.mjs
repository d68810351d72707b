// Validates TOML files against a JSON Schema with validators Hakiri did not write (smol-toml, Ajv draft 2020-12).
// Usage: node validate-schema.mjs SCHEMA.json FILE.toml...   Exit 0 when every file is valid, 1 otherwise.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "smol-toml";

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
let failed = 0;
for (const file of files) {
  const data = JSON.parse(JSON.stringify(parse(readFileSync(file, "utf8"))));
  if (validate(data)) {
    console.log(`${file}: valid`);
  } else {
    failed++;
    for (const error of validate.errors) {
      console.log(`${file}: invalid: ${error.instancePath || "/"} ${error.message}`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
