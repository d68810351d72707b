using Hakiri.Audit;
using Hakiri.Runner;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hakiri.Cli;

/// <summary>
/// Exports step spans and audited reads (<c>hakiri.read</c>) over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set; otherwise spans
/// are created but nobody listens, which costs nothing.
/// </summary>
internal static class Tracing
{
    public static IDisposable? Start()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return null;
        }

        return Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("hakiri", serviceVersion: HakiriApp.Version))
            .AddSource(PipelineRunner.Telemetry.Name)
            .AddSource(AuditTrail.SourceName)
            .AddOtlpExporter()
            .Build();
    }
}
