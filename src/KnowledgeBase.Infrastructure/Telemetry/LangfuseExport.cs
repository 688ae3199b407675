using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// Sends answer traces to Langfuse: OTLP over HTTP/protobuf (Langfuse takes no gRPC) to
/// <c>&lt;base&gt;/api/public/otel/v1/traces</c> with Basic auth and the ingestion-version header Langfuse asks
/// direct exporters for. Only our own spans of answer traces go there: Npgsql, HTTP and Semantic Kernel spans
/// (SK's would count every model call's tokens twice) stay with the general OTLP backend.
/// </summary>
public static class LangfuseExport
{
    /// <summary>Langfuse's real-time ingestion for direct OTLP exporters.</summary>
    public const string IngestionVersion = "4";

    public static BaseProcessor<Activity> Processor(LangfuseOptions langfuse, string environment, string release)
    {
        var options = new OtlpExporterOptions
        {
            Endpoint = langfuse.TracesEndpoint,
            Protocol = OtlpExportProtocol.HttpProtobuf,
            HttpClientFactory = () =>
            {
                var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", langfuse.AuthorizationHeader);
                http.DefaultRequestHeaders.Add("x-langfuse-ingestion-version", IngestionVersion);
                return http;
            },
        };
        return new AnswerSpansOnly(new OtlpTraceExporter(options), environment, release);
    }

    /// <summary>Exports our spans of answer traces; stamps each root with the release and environment.</summary>
    private sealed class AnswerSpansOnly(BaseExporter<Activity> exporter, string environment, string release)
        : BatchActivityExportProcessor(exporter)
    {
        protected override void OnExport(Activity activity)
        {
            if (activity.Source.Name != KnowledgeBaseTelemetry.Name || !AnswerTrace.IsInAnswer(activity))
            {
                return;
            }

            if (activity.Parent is null)
            {
                activity.SetTag(LangfuseAttributes.Environment, environment);
                activity.SetTag(LangfuseAttributes.Release, release);
            }

            base.OnExport(activity);
        }
    }
}
