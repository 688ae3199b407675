using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Telemetry;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Telemetry;

[Collection(ObservabilityCollection.Name)]
public sealed class ObservabilityTests(ObservabilityFixture fixture)
{
    [Fact]
    public async Task An_answer_is_one_trace_with_langfuse_attributes_on_the_right_spans()
    {
        var traffic = await fixture.TrafficAsync();
        var traceId = AnswerTrace.TraceIdFor(traffic.AnswerId);
        var spans = await SpansOfAsync(traceId, "answer");

        var root = Assert.Single(spans, s => s.OperationName == "answer");
        Assert.Equal(default, root.ParentSpanId);
        Assert.Equal("answer", root.GetTagItem(LangfuseAttributes.TraceName));
        Assert.Equal(traffic.ConversationId.ToString(), root.GetTagItem(LangfuseAttributes.SessionId));
        Assert.NotNull(root.GetTagItem(LangfuseAttributes.UserId));
        var tags = Assert.IsType<string[]>(root.GetTagItem(LangfuseAttributes.TraceTags));
        Assert.Contains("mode:llm", tags);
        Assert.Contains("cache:miss", tags);
        // Content capture is off by default: no question or answer on any span.
        Assert.Null(root.GetTagItem(LangfuseAttributes.TraceInput));
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), t => t.Value?.ToString()?.Contains(ObservabilityFixture.QuestionMarker, StringComparison.Ordinal) == true);

        var ask = Assert.Single(spans, s => s.OperationName == "ask");
        Assert.Equal(root.SpanId, ask.ParentSpanId);
        Assert.Equal("chain", ask.GetTagItem(LangfuseAttributes.ObservationType));

        var retrieve = Assert.Single(spans, s => s.OperationName == "retrieve");
        Assert.Equal(ask.SpanId, retrieve.ParentSpanId);
        Assert.Equal("retriever", retrieve.GetTagItem(LangfuseAttributes.ObservationType));
        Assert.Contains(spans, s => s.OperationName == "passages" && s.ParentSpanId == retrieve.SpanId);

        // The cache is asked before retrieval (a miss here); the guardrails check the question, the sources and the
        // answer as it streamed, each a guardrail observation under the chain.
        var lookup = Assert.Single(spans, s => s.OperationName == "cache lookup");
        Assert.Equal(ask.SpanId, lookup.ParentSpanId);
        Assert.True(lookup.StartTimeUtc <= retrieve.StartTimeUtc);
        foreach (var check in new[] { "guardrail input", "guardrail sources", "guardrail output" })
        {
            var guardrail = Assert.Single(spans, s => s.OperationName == check);
            Assert.Equal(ask.SpanId, guardrail.ParentSpanId);
            Assert.Equal("guardrail", guardrail.GetTagItem(LangfuseAttributes.ObservationType));
        }

        // Semantic Kernel's own span of the call ("chat model-a" too) sits below ours.
        var generation = Assert.Single(spans, s => s.OperationName == "chat model-a" && s.Source.Name == KnowledgeBaseTelemetry.Name);
        Assert.Equal(ask.SpanId, generation.ParentSpanId);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) && s.ParentSpanId == generation.SpanId);
        Assert.True(retrieve.StartTimeUtc <= generation.StartTimeUtc);
        Assert.Equal("generation", generation.GetTagItem(LangfuseAttributes.ObservationType));
        Assert.Equal("model-a", generation.GetTagItem("gen_ai.request.model"));
        Assert.True((int)generation.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.True((int)generation.GetTagItem("gen_ai.usage.output_tokens")! > 0);
        Assert.Equal(AnswerPrompt.Name, generation.GetTagItem(LangfuseAttributes.PromptName));
        Assert.Equal(AnswerPrompt.VersionNumber, generation.GetTagItem(LangfuseAttributes.PromptVersion));
        Assert.Contains("\"total\":", (string)generation.GetTagItem(LangfuseAttributes.CostDetails)!);
        var firstToken = DateTime.Parse((string)generation.GetTagItem(LangfuseAttributes.CompletionStartTime)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.InRange(firstToken, generation.StartTimeUtc, generation.StartTimeUtc + generation.Duration);
    }

    [Fact]
    public async Task Langfuse_receives_the_answer_as_otlp_protobuf_with_basic_auth_and_without_content()
    {
        var traffic = await fixture.TrafficAsync();
        var traceId = AnswerTrace.TraceIdFor(traffic.AnswerId).ToHexString();
        await SpansOfAsync(AnswerTrace.TraceIdFor(traffic.AnswerId), "answer");
        fixture.Flush();

        var requests = fixture.Langfuse.Traces.ToList();
        Assert.NotEmpty(requests);
        var request = requests[0];
        Assert.Equal("application/x-protobuf", request.ContentType);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ObservabilityFixture.PublicKey}:{ObservabilityFixture.SecretKey}")), request.Headers["Authorization"]);
        Assert.Equal(LangfuseExport.IngestionVersion, request.Headers["x-langfuse-ingestion-version"]);

        var spans = requests.SelectMany(r => OtlpTraces.Decode(r.Body)).Where(s => s.TraceId == traceId).ToList();
        var root = Assert.Single(spans, s => s.Name == "answer");
        Assert.Equal(string.Empty, root.ParentSpanId);
        Assert.Equal("answer", root.Attributes[LangfuseAttributes.TraceName]);
        Assert.Equal(traffic.ConversationId.ToString(), root.Attributes[LangfuseAttributes.SessionId]);
        Assert.Equal("testing", root.Attributes[LangfuseAttributes.Environment]);
        Assert.Equal(TelemetrySetup.ServiceVersion, root.Attributes[LangfuseAttributes.Release]);
        Assert.Contains("mode:llm", Assert.IsType<List<object?>>(root.Attributes[LangfuseAttributes.TraceTags]));
        Assert.Equal("knowledgebase-api", root.Resource["service.name"]);

        var generation = Assert.Single(spans, s => s.Name == "chat model-a");
        Assert.Equal("generation", generation.Attributes[LangfuseAttributes.ObservationType]);
        Assert.Equal("model-a", generation.Attributes["gen_ai.request.model"]);
        Assert.True((long)generation.Attributes["gen_ai.usage.input_tokens"] > 0);
        Assert.True(generation.Attributes.ContainsKey(LangfuseAttributes.CompletionStartTime));
        Assert.Contains(spans, s => s.Name == "retrieve" && (string)s.Attributes[LangfuseAttributes.ObservationType] == "retriever");

        // Only our own spans of answer traces: no SQL, HTTP or Semantic Kernel spans, and no content (capture is off).
        var all = requests.SelectMany(r => OtlpTraces.Decode(r.Body)).ToList();
        Assert.All(all, s => Assert.Equal(KnowledgeBaseTelemetry.Name, s.Scope));
        Assert.DoesNotContain(ObservabilityFixture.QuestionMarker, Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        Assert.All(requests, r => Assert.DoesNotContain(ObservabilityFixture.AnswerMarker, Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feedback_becomes_a_langfuse_score_on_the_answer_trace_and_a_failed_send_is_retried()
    {
        var traffic = await fixture.TrafficAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (fixture.Langfuse.Scores.Count() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var scores = fixture.Langfuse.Scores.ToList();
        Assert.True(scores.Count >= 2, "the score is sent again after Langfuse answered 503");
        var body = JsonDocument.Parse(scores[^1].Body).RootElement;
        Assert.Equal(AnswerTrace.TraceIdFor(traffic.AnswerId).ToHexString(), body.GetProperty("traceId").GetString());
        Assert.Equal(LangfuseScores.ScoreName, body.GetProperty("name").GetString());
        Assert.Equal(1, body.GetProperty("value").GetInt32());
        Assert.Equal("BOOLEAN", body.GetProperty("dataType").GetString());
        Assert.Equal($"feedback-{traffic.AnswerId:N}", body.GetProperty("id").GetString());
        // The comment is content: not sent while content capture is off.
        Assert.Equal(JsonValueKind.Null, body.GetProperty("comment").ValueKind);
        Assert.StartsWith("Basic ", scores[^1].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_show_the_genai_and_kb_families_with_units_and_no_user_or_free_text_label()
    {
        var traffic = await fixture.TrafficAsync();
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics");

        foreach (var family in new[]
        {
            "gen_ai_client_operation_duration_seconds_bucket", "gen_ai_client_token_usage_bucket", "gen_ai_client_operation_time_to_first_chunk_seconds_bucket",
            "kb_asks_total", "kb_ask_duration_seconds_bucket", "kb_ask_rejections_total", "kb_answer_cost_total", "kb_llm_fallbacks_total",
            "kb_llm_circuit_state", "kb_retrieval_duration_seconds_bucket", "kb_documents", "kb_ingestion_queue_jobs", "kb_ingestion_failures_total",
            "signalr_server_active_connections", "http_server_request_duration_seconds_bucket", "dotnet_gc_collections_total", "db_client_connection_count",
        })
        {
            Assert.Contains(family, metrics, StringComparison.Ordinal);
        }

        Assert.Contains("le=\"81.92\"", metrics, StringComparison.Ordinal);
        Assert.Matches("kb_ask_time_to_first_token_seconds_bucket\\{[^}]*le=\"2.5\"", metrics);
        Assert.Matches("kb_asks_total\\{[^}]*mode=\"extractive\"[^}]*outcome=\"done\"", metrics);
        Assert.Matches("kb_ask_rejections_total\\{[^}]*reason=\"rate_limit\"", metrics);
        Assert.Matches("gen_ai_client_operation_duration_seconds_count\\{[^}]*error_type=", metrics);
        Assert.Matches("kb_guardrail_actions_total\\{(?=[^}]*action=\"redact\")(?=[^}]*rule=\"pii.payment_card\")", metrics);
        Assert.Matches("kb_guardrail_duration_seconds_bucket\\{[^}]*kb_guardrail_check=\"output\"", metrics);

        // Never who asked or what they typed.
        Assert.DoesNotContain(traffic.StrayCollection, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(ObservabilityFixture.Email, metrics, StringComparison.Ordinal);
        Assert.DoesNotMatch("[{,](kb_user|user|user_id|email)=", metrics);
        Assert.Matches("kb_answer_cost_total\\{[^}]*collection=\"(default|all|other)\"", metrics);
    }

    [Fact]
    public async Task No_prompt_answer_password_or_api_key_appears_in_any_log_line()
    {
        var traffic = await fixture.TrafficAsync();
        var lines = fixture.Logs.Lines.ToList();
        Assert.NotEmpty(lines);

        foreach (var secret in new[]
        {
            ObservabilityFixture.Password, traffic.ApiKey, ObservabilityFixture.SecretKey, "sk-model-a-secret",
            ObservabilityFixture.QuestionMarker, ObservabilityFixture.AnswerMarker, "Spot on", AnswerPrompt.System[..60], ObservabilityFixture.GuardedCard,
        })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, string rootName)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var spans = fixture.Spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
            if (spans.Any(s => s.OperationName == rootName) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(50);
        }
    }
}
