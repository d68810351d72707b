// Runs a source guest's core module through jco: componentize against wit/connector.wit, transpile to JS, then
// drive it with a scripted host. The canonical ABI on both sides of the call is jco's, not Hakiri's, so this checks a
// guest's lifting and lowering independently of Hakiri's runtime.
//   node run-source-guest.mjs CORE.wasm SCENARIO.json
// SCENARIO: { "config": {key: text}, "env": {name: text}, "responses": {url: {status, headers: [[n, v]], body}},
//             "cassette": "path/to/cassette.json" (responses by method and URL), "table": "items",
//             "cursor": "text" | null, "maxBatches": 10 }
// Prints one JSON object: discover, open, batches (arrow in base64), error (of next), logs, requests.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const tools = new URL('./node_modules/@bytecodealliance/jco-transpile/dist/', import.meta.url);
const { componentEmbed, componentNew } = await import(new URL('wasm-tools.js', tools).href);
const { transpileBytes } = await import(new URL('index.js', tools).href);

const [core, scenarioFile] = process.argv.slice(2);
if (!core || !scenarioFile) {
  console.error('usage: node run-source-guest.mjs CORE.wasm SCENARIO.json');
  process.exit(2);
}

const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
const wit = readFileSync(new URL('../../wit/connector.wit', import.meta.url), 'utf8');
const embedded = await componentEmbed({ binary: readFileSync(core), witSource: wit, world: 'source-connector' });
const component = await componentNew(embedded);
const out = mkdtempSync(join(tmpdir(), 'hakiri-jco-'));
try {
  const { files } = await transpileBytes(component, { name: 'guest', instantiation: 'async', outDir: out });
  for (const [name, bytes] of Object.entries(files)) {
    const path = isAbsolute(name) ? name : join(out, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  process.stdout.write(JSON.stringify(await run(join(out, 'guest.js'))) + '\n');
} finally {
  rmSync(out, { recursive: true, force: true });
}

async function run(guest) {
  const responses = { ...(scenario.responses ?? {}) };
  if (scenario.cassette) {
    for (const { request, response } of JSON.parse(readFileSync(scenario.cassette, 'utf8')).interactions) {
      responses[`${request.method} ${request.url}`] = {
        status: response.status,
        headers: Object.entries(response.headers ?? {}),
        body: response.body ?? '',
      };
    }
  }

  const logs = [];
  const requests = [];
  const text = new TextEncoder();
  const host = {
    log: (level, message) => logs.push({ level, message }),
    nowMs: () => 0n,
    config: key => scenario.config?.[key],
    env: name => scenario.env?.[name],
    httpFetch: request => {
      requests.push({ method: request.method, url: request.url, headers: request.headers });
      const response = responses[`${request.method} ${request.url}`] ?? responses[request.url];
      if (!response) {
        throw { tag: 'permanent', val: `no scripted response for ${request.method} ${request.url}` };
      }
      return { status: response.status, headers: response.headers ?? [], body: text.encode(response.body ?? '') };
    },
  };

  const { instantiate } = await import(pathToFileURL(guest).href);
  const root = await instantiate(
    path => WebAssembly.compile(readFileSync(join(dirname(guest), path))),
    { 'hakiri:connector/host': host, 'hakiri:connector/types': {} });
  const source = root['hakiri:connector/source@0.1.0'];

  const result = { discover: attempt(() => source.discover()), batches: [], logs, requests };
  const cursor = scenario.cursor == null ? undefined : text.encode(scenario.cursor);
  const opened = attempt(() => source.open(scenario.table ?? 'items', cursor));
  result.open = opened.error ? opened : { ok: true };
  if (opened.ok) {
    for (let i = 0; i < (scenario.maxBatches ?? 10); i++) {
      const next = attempt(() => opened.ok.next());
      if (next.error) {
        result.error = next.error;
        break;
      }
      if (next.ok === undefined) {
        result.end = true;
        break;
      }
      result.batches.push({
        arrow: Buffer.from(next.ok.arrow).toString('base64'),
        locator: next.ok.locator,
        cursor: new TextDecoder().decode(next.ok.cursor),
        hasMore: next.ok.hasMore,
      });
    }
    opened.ok[Symbol.dispose]?.();
  }
  result.acknowledge = attempt(() => source.acknowledge(scenario.table ?? 'items', text.encode('1'))).error ?? 'ok';
  return result;
}

// A WIT result's error arrives as a thrown { tag, val } (in a ComponentError's payload in some jco versions).
function attempt(call) {
  try {
    return { ok: call() };
  } catch (e) {
    const error = e?.payload ?? e;
    if (error?.tag === undefined) {
      throw e;
    }
    return { error: { tag: error.tag, val: typeof error.val === 'bigint' ? Number(error.val) : error.val } };
  }
}
