using Hakiri.Model.Manifests;
using Hakiri.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using static Hakiri.Audit.Tests.AuditRecords;

namespace Hakiri.Audit.Tests;

public sealed class AuditSpanTests
{
    [Fact]
    public async Task Record_OtlpExporterOnLoopback_CollectorReceivesTheReadSpanWithItsTags()
    {
        using var collector = OtlpCollector.Start(marker: "tok-9");
        using var dir = new TempDirectory();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(AuditTrail.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = collector.Endpoint;
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build())
        {
            using var trail = AuditTrail.Open(Layout(dir), Options());
            trail.Record(Read("agent-a", Noon, "customers", ["c-42", "c-7"], token: "tok-9"));
            tracing.ForceFlush();
        }

        var strings = OtlpCollector.Strings(await collector.FirstExport.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("hakiri.read", strings);
        string[] expected =
        [
            "hakiri.agent", "agent-a", "hakiri.host", "laptop", "hakiri.on_behalf_of", "ana@example.com", "hakiri.task_id", "task-7",
            "hakiri.token_id", "tok-9", "hakiri.tool", "context.query", "hakiri.tables", "customers", "hakiri.rows", "hakiri.keys",
            "hakiri.keys_complete", "customers:" + AuditKeys.Encode(AuditKeyMode.Hashed, "customers", "c-42"),
        ];
        Assert.All(expected, s => Assert.Contains(s, strings));
        Assert.DoesNotContain(strings, s => s.Contains("c-42", StringComparison.Ordinal));
    }
}
