// Runs a guest core module through jco (an independent implementation of the canonical ABI) against a scripted
// host, so a guest's lifting and lowering can be checked before, and apart from, Hakiri's own runtime.
//   node run-guest-jco.mjs CORE.wasm SCENARIO.json OUT_DIR
// SCENARIO: { "config": {key: value}, "env": {name: value}, "table": "items", "cursor": "2" | null,
//             "responses": {url: {"status": 200, "headers": [[name, value]], "body": "text"}}, "maxBatches": 20 }
// A URL missing from responses makes http-fetch fail with permanent("no response scripted for URL").
// Writes OUT_DIR/transcript.json: { discover, open, batches: [{locator, cursor, hasMore, arrow: FILE}], end,
// logs: [[level, message]] (a line over 4096 chars as its first 64 and its length), requests: [{method, url, headers}] }; each batch's Arrow bytes go to OUT_DIR/batch-N.arrows.
// Errors appear as {"error": {"tag": ..., "val": ...}}. Exit 0 unless the script itself fails.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { componentEmbed, componentNew } = await import(
  new URL('./node_modules/@bytecodealliance/jco-transpile/dist/wasm-tools.js', import.meta.url).href);
const { transpileBytes } = await import(
  new URL('./node_modules/@bytecodealliance/jco-transpile/dist/index.js', import.meta.url).href);

const [core, scenarioFile, out] = process.argv.slice(2);
if (!core || !scenarioFile || !out) {
  console.error('usage: node run-guest-jco.mjs CORE.wasm SCENARIO.json OUT_DIR');
  process.exit(2);
}
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
mkdirSync(out, { recursive: true });

const witSource = readFileSync(join(here, '..', '..', 'wit', 'connector.wit'), 'utf8');
const component = await componentNew(await componentEmbed({ binary: readFileSync(core), witSource, world: 'source-connector' }));
const transpiled = await transpileBytes(component, { name: 'guest', instantiation: 'async' });
const bindings = join(out, 'bindings');
for (const [name, bytes] of Object.entries(transpiled.files)) {
  mkdirSync(dirname(join(bindings, name)), { recursive: true });
  writeFileSync(join(bindings, name), bytes);
}

const transcript = { logs: [], requests: [], batches: [] };
const fail = (tag, val) => Object.assign(new Error(String(val)), { payload: { tag, val } });
const host = {
  // Long lines are kept as their start and length, so a flood still fits in the transcript.
  log: (level, message) => transcript.logs.push([level, message.length <= 4096 ? message : `${message.slice(0, 64)}... (${message.length} chars)`]),
  nowMs: () => undefined,
  config: (key) => scenario.config?.[key],
  env: (name) => scenario.env?.[name],
  httpFetch: (request) => {
    transcript.requests.push({ method: request.method, url: request.url, headers: request.headers });
    const response = scenario.responses?.[request.url];
    if (!response) throw fail('permanent', `no response scripted for ${request.url}`);
    return { status: response.status, headers: response.headers ?? [], body: new TextEncoder().encode(response.body ?? '') };
  },
};

const { instantiate } = await import(pathToFileURL(join(bindings, 'guest.js')).href);
const guest = await instantiate(
  (path) => WebAssembly.compile(readFileSync(join(bindings, path))),
  { 'hakiri:connector/host': host, 'hakiri:connector/host@0.1.0': host, 'hakiri:connector/types': {}, 'hakiri:connector/types@0.1.0': {} });
const source = guest['hakiri:connector/source@0.1.0'];
// jco throws a returned connector-error as the variant itself (or wrapped, with it as payload); anything else trapped.
const caught = (e) => ({
  error: e?.payload ?? (typeof e?.tag === 'string' ? { tag: e.tag, val: typeof e.val === 'bigint' ? Number(e.val) : e.val } : { tag: 'trap', val: String(e) }),
});

try {
  transcript.discover = { ok: source.discover() };
} catch (e) {
  transcript.discover = caught(e);
}

let handle;
try {
  const cursor = scenario.cursor == null ? undefined : new TextEncoder().encode(scenario.cursor);
  handle = source.open(scenario.table ?? 'items', cursor);
  transcript.open = { ok: true };
} catch (e) {
  transcript.open = caught(e);
}

if (handle) {
  for (let i = 0; i < (scenario.maxBatches ?? 20); i++) {
    let batch;
    try {
      batch = handle.next();
    } catch (e) {
      transcript.end = caught(e);
      break;
    }
    if (batch === undefined) {
      transcript.end = { done: true };
      break;
    }
    const file = `batch-${i}.arrows`;
    writeFileSync(join(out, file), batch.arrow);
    transcript.batches.push({ locator: batch.locator, cursor: new TextDecoder().decode(batch.cursor), hasMore: batch.hasMore, arrow: file });
  }
  handle[Symbol.dispose]?.();
}

writeFileSync(join(out, 'transcript.json'), JSON.stringify(transcript, null, 2));
