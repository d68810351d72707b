using Hakiri.Functions.Azure.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The isolated worker: the Functions host (func) loads functions.metadata and calls these classes' [Function]s.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddSingleton(_ => AppRuntime.FromEnvironment());
builder.Services.AddSingleton<McpEndpoint>();
await builder.Build().RunAsync().ConfigureAwait(false);
