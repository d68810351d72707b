// Turns a guest's core module into a component against wit/connector.wit with jco's script API (wasm-tools'
// `component embed` + `component new`), then prints the component's WIT. Proves a guest is a genuine
// implementation of the world and that the WIT parses; Hakiri itself runs the core module.
//   node componentize.mjs CORE.wasm WIT_FILE WORLD [OUT.component.wasm]
// Exit 0 and the WIT on stdout; exit 1 with wasm-tools' sentence on stderr.
import { readFileSync, writeFileSync } from 'node:fs';
// The package exports only its transpiler; its wasm-tools bindings are reached by path.
const { componentEmbed, componentNew, componentWit } = await import(
  new URL('./node_modules/@bytecodealliance/jco-transpile/dist/wasm-tools.js', import.meta.url).href);

const [core, witFile, world, out] = process.argv.slice(2);
if (!core || !witFile || !world) {
  console.error('usage: node componentize.mjs CORE.wasm WIT_FILE WORLD [OUT.component.wasm]');
  process.exit(2);
}

try {
  const embedded = await componentEmbed({ binary: readFileSync(core), witSource: readFileSync(witFile, 'utf8'), world });
  const component = await componentNew(embedded);
  if (out) {
    writeFileSync(out, component);
  }
  process.stdout.write(await componentWit(component));
} catch (error) {
  console.error(`${core}: ${error?.message ?? error}`);
  process.exit(1);
}
