// Drives a Hakiri MCP server with the official TypeScript SDK (not Hakiri's code) and prints what it saw as JSON.
// Usage: node mcp-client.mjs '<spec>' where spec is
//   {"transport": "stdio", "command": "dotnet", "args": ["hakiri.dll", "serve", "-m", "hakiri.toml"], "calls": [...]}
//   {"transport": "http", "url": "http://127.0.0.1:8765/mcp", "headers": {"Authorization": "Bearer …"}, "calls": [...]}
// and each call is {"name": "context.query", "arguments": {...}}. "env" adds environment variables to a stdio server.
// A connection the server refuses prints {"connect_error": "<message>"} (exit 0), so tests can check the refusal.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const spec = JSON.parse(process.argv[2]);
const transport = spec.transport === "stdio"
  ? new StdioClientTransport({ command: spec.command, args: spec.args, env: { ...process.env, ...(spec.env ?? {}) }, stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: spec.headers ?? {} } });
const client = new Client({ name: "hakiri-tests-typescript", version: "1.0.0" });
try {
  await client.connect(transport);
} catch (error) {
  console.log(JSON.stringify({ connect_error: String(error?.message ?? error) }));
  process.exit(0);
}
const output = {
  server: client.getServerVersion(),
  instructions: client.getInstructions(),
  tools: (await client.listTools()).tools.map((tool) => tool.name),
  resources: (await client.listResources()).resources.map((resource) => resource.uri),
  results: [],
};
for (const call of spec.calls ?? []) {
  output.results.push(await client.callTool(call));
}
await client.close();
console.log(JSON.stringify(output));
