// Drives a Hakiri MCP server with the official TypeScript SDK (not Hakiri's code) and prints what it saw as JSON.
// Usage: node mcp-client.mjs '<spec>' where spec is
//   {"transport": "stdio", "command": "dotnet", "args": ["hakiri.dll", "serve", "-m", "hakiri.toml"], "calls": [...]}
//   {"transport": "http", "url": "http://127.0.0.1:8765/mcp", "calls": [...]}
// and each call is {"name": "context.query", "arguments": {...}}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const spec = JSON.parse(process.argv[2]);
const transport = spec.transport === "stdio"
  ? new StdioClientTransport({ command: spec.command, args: spec.args, stderr: "ignore" })
  : new StreamableHTTPClientTransport(new URL(spec.url));
const client = new Client({ name: "hakiri-tests-typescript", version: "1.0.0" });
await client.connect(transport);
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
