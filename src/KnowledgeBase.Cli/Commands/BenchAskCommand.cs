using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Cli.Bench;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Guardrails;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Answering latency. (1) What our generation path adds over an OpenAI-compatible server: prompt
/// building, Semantic Kernel, the resilience pipeline, the streamed citation check and the event
/// stream, at N concurrent streams against a scripted loopback server whose own time is subtracted
/// per request. By default the 50 streams' starts are spread over one answer's duration, as users'
/// questions are; `--lock-step` makes every token of every stream arrive in the same instant. With `--guardrails`, the
/// same run is repeated with every answer streamed through the output guardrails (as AskService does), so the time
/// to first token they add is read against a baseline from the same run. (2) Extractive answers end to end
/// (embedding, hybrid retrieval, answer, events) over the benchmark collection of `kb bench query`.
/// </summary>
internal static class BenchAskCommand
{
    public static Command Create()
    {
        var streams = new Option<int>("--streams") { Description = "Concurrent answer streams.", DefaultValueFactory = _ => 50 };
        // 3,000: runs of 1,000 measured p95s 0.5–2 ms higher and further apart (the first seconds, with JIT
        // tiering and pool growth, weigh more); see docs/benchmarks.md.
        var requests = new Option<int>("--requests") { Description = "Answers generated in the timed run.", DefaultValueFactory = _ => 3000 };
        var firstToken = new Option<int>("--server-first-token-ms") { Description = "The scripted server's time to first token.", DefaultValueFactory = _ => 50 };
        // 20 ms: about 50 tokens/s per stream, what hosted GPT-class models stream at; 5 ms is the stress case.
        var interval = new Option<int>("--server-token-interval-ms") { Description = "The scripted server's time between tokens.", DefaultValueFactory = _ => 20 };
        var tokenCount = new Option<int>("--tokens") { Description = "Tokens per scripted answer.", DefaultValueFactory = _ => 60 };
        var collection = new Option<string>("--collection") { Description = "Collection for the extractive run (see `kb bench query`).", DefaultValueFactory = _ => "bench-query" };
        var queries = new Option<string>("--queries") { Description = "A queries.jsonl (BEIR) for the extractive run.", DefaultValueFactory = _ => "../shared/corpus/scifact/queries.jsonl" };
        var questions = new Option<int>("--questions") { Description = "Questions in the extractive run (0: skip it).", DefaultValueFactory = _ => 300 };
        var inProcess = new Option<bool>("--in-process-server") { Description = "Host the scripted server in this process (the earlier method) instead of a child process." };
        var lockStep = new Option<bool>("--lock-step") { Description = "Start every stream at once, so all 50 receive each token in the same instant (worst case), instead of spreading their starts over one answer's duration." };
        var guardrails = new Option<bool>("--guardrails") { Description = "Then repeat the run with each answer streamed through the output guardrails, and report both." };
        var stages = new Option<bool>("--stages") { Description = "Also report where each extractive answer's time went (per span: retrieval, sentence scoring, embeddings…)." };
        var command = new Command("ask", "Latency our LLM path adds (TTFT and total, p50/p95/p99, minus the server's own) and extractive answers end to end.")
        {
            streams, requests, firstToken, interval, tokenCount, collection, queries, questions, inProcess, lockStep, guardrails, stages,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = new Dictionary<string, object> { ["processors"] = Environment.ProcessorCount, ["loadAverageBefore"] = BenchFigures.LoadAverage() };
            var script = new Script(parse.GetValue(firstToken), parse.GetValue(interval), parse.GetValue(tokenCount));
            var run = new Run(parse.GetValue(streams), parse.GetValue(requests), Staggered: !parse.GetValue(lockStep));
            if (parse.GetValue(inProcess))
            {
                await using var server = await ScriptedChatServer.StartAsync(
                    TimeSpan.FromMilliseconds(script.FirstTokenMs), TimeSpan.FromMilliseconds(script.IntervalMs), script.Tokens);
                await LlmRunsAsync(server.BaseAddress, serverInProcess: true);
            }
            else
            {
                await using var server = await ChatServerProcess.StartAsync(script.FirstTokenMs, script.IntervalMs, script.Tokens, cancellationToken);
                await LlmRunsAsync(server.BaseAddress, serverInProcess: false);
            }

            async Task LlmRunsAsync(Uri server, bool serverInProcess)
            {
                result["llm"] = await GenerationOverheadAsync(server, script, run, serverInProcess, guarded: false, cancellationToken);
                if (parse.GetValue(guardrails))
                {
                    result["llmGuarded"] = await GenerationOverheadAsync(server, script, run, serverInProcess, guarded: true, cancellationToken);
                }
            }

            result["server"] = new { firstTokenMs = script.FirstTokenMs, tokenIntervalMs = script.IntervalMs, tokens = script.Tokens, process = parse.GetValue(inProcess) ? "same" : "child" };
            result["loadAverageAfter"] = BenchFigures.LoadAverage();

            if (parse.GetValue(questions) > 0)
            {
                result["extractive"] = await ExtractiveAsync(parse.GetValue(collection)!, parse.GetValue(queries)!, parse.GetValue(questions), parse.GetValue(stages), cancellationToken);
            }

            Console.WriteLine(JsonSerializer.Serialize(result, JsonOptions.Compact));
            return 0;
        });
        return command;
    }

    private sealed record Script(int FirstTokenMs, int IntervalMs, int Tokens);

    private sealed record Run(int Streams, int Requests, bool Staggered);

    private static async Task<object> GenerationOverheadAsync(Uri server, Script script, Run run, bool serverInProcess, bool guarded, CancellationToken cancellationToken)
    {
        var (streams, requests) = (run.Streams, run.Requests);
        await using var services = CliHost.Build(new Dictionary<string, string?>
        {
            ["Llm:Providers:0:Model"] = "gpt-4o-mini",
            ["Llm:Providers:0:Endpoint"] = server.ToString(),
            ["Llm:Providers:0:ApiKey"] = "bench",
            ["Llm:Resilience:MaxConcurrency"] = streams.ToString(CultureInfo.InvariantCulture),
        });
        var generator = services.GetRequiredService<AnswerGenerator>();
        var guardrails = services.GetRequiredService<GuardrailService>();
        var sources = Enumerable.Range(1, 5).Select(i => new RetrievedChunk(
            i, Guid.NewGuid(), $"Benefits Guide part {i}", "benefits-guide.pdf",
            string.Join(' ', Enumerable.Repeat($"Employees receive benefit number {i} as described in section {i} of the handbook.", 15)),
            i, i, string.Empty, 1.0 / i)).ToList();

        var afterLastToken = new double[requests];
        async Task<(double FirstTokenMs, double TotalMs)> OneAsync(int id)
        {
            var started = Stopwatch.GetTimestamp();
            double first = -1;
            double last = 0;
            var outcome = new GenerationOutcome();
            var question = $"bench question {id}: what are my benefits?";
            var guard = guarded ? guardrails.GuardAnswer(new AnswerGuardContext(question, "bench", SourceScreening.Unchecked(sources)), default) : null;
            void Shown(string text)
            {
                // The first visible text: a guard may let a chunk's leading space through before the word it holds.
                if (!string.IsNullOrWhiteSpace(text))
                {
                    last = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    first = first < 0 ? last : first;
                }
            }

            await foreach (var e in generator.GenerateAsync(question, sources, AskContext.None, "bench", outcome, cancellationToken))
            {
                if (e is TokenEvent token)
                {
                    Shown(guard is null ? token.Text : guard.Push(token.Text).Text);
                }
            }

            if (guard is not null)
            {
                Shown(guard.Flush().Text);
                guard.Finish();
            }

            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (id >= 0)
            {
                afterLastToken[id] = total - last;
            }

            if (outcome.Mode != AnswerGenerator.LlmMode)
            {
                throw new InvalidOperationException($"Request {id} fell back to {outcome.Mode}; the figures would be meaningless.");
            }

            return (first, total);
        }

        // Warm up: connections, JIT, tokenizer data.
        await Task.WhenAll(Enumerable.Range(-streams, streams).Select(OneAsync));

        using var stats = new HttpClient { BaseAddress = new Uri(server, "/bench/") };
        var serverBefore = await stats.GetFromJsonAsync<ScriptedServerStats>("stats", JsonOptions.Compact, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (allocatedBefore, pauseBefore, gcBefore) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0));

        // Started all at once, the streams stay in lock-step: every answer's first token arrives in
        // the same instant as 49 others'. Staggered, they start one answer's duration / streams apart.
        var answerMs = script.FirstTokenMs + (script.IntervalMs * (script.Tokens - 1));
        var client = new (double FirstTokenMs, double TotalMs)[requests];
        var next = -1;
        var wall = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async stream =>
        {
            if (run.Staggered)
            {
                await Task.Delay(TimeSpan.FromMilliseconds((double)answerMs * stream / streams), cancellationToken);
            }

            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                client[i] = await OneAsync(i);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        var clientCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var (allocated, pause, collections) = (GC.GetTotalAllocatedBytes() - allocatedBefore, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(0) - gcBefore);
        var serverAfter = await stats.GetFromJsonAsync<ScriptedServerStats>("stats", JsonOptions.Compact, cancellationToken);
        var timings = serverAfter!.Timings.ToDictionary(t => (int)t[0], t => (FirstTokenMs: t[1], TotalMs: t[2]));

        var firstOverhead = Enumerable.Range(0, requests).Select(i => client[i].FirstTokenMs - timings[i].FirstTokenMs).ToList();
        var totalOverhead = Enumerable.Range(0, requests).Select(i => client[i].TotalMs - timings[i].TotalMs).ToList();
        return new
        {
            streams,
            requests,
            staggered = run.Staggered,
            guardrails = guarded,
            answersPerSecond = Math.Round(requests / seconds, 1),
            addedFirstTokenMs = BenchFigures.Percentiles(firstOverhead),
            addedTotalMs = BenchFigures.Percentiles(totalOverhead),
            // Usage, [DONE] and tear-down after the last token: near zero means the added total is the last token's lag.
            afterLastTokenMs = BenchFigures.Percentiles([.. afterLastToken]),
            clientFirstTokenMs = BenchFigures.Percentiles(client.Select(c => c.FirstTokenMs).ToList()),
            serverFirstTokenMs = BenchFigures.Percentiles(Enumerable.Range(0, requests).Select(i => timings[i].FirstTokenMs).ToList()),
            // CPU time per answer and cores used during the timed run; with the server in process, "client" includes the server.
            cpu = new
            {
                clientMsPerAnswer = Math.Round(clientCpuMs / requests, 3),
                clientCores = Math.Round(clientCpuMs / 1000 / seconds, 2),
                serverMsPerAnswer = serverInProcess ? (double?)null : Math.Round((serverAfter.CpuMs - serverBefore!.CpuMs) / requests, 3),
                serverCores = serverInProcess ? (double?)null : Math.Round((serverAfter.CpuMs - serverBefore!.CpuMs) / 1000 / seconds, 2),
            },
            clientGc = new { allocatedKbPerAnswer = Math.Round(allocated / 1024.0 / requests, 1), collections, pauseMs = Math.Round(pause.TotalMilliseconds, 1) },
        };
    }

    private static async Task<object> ExtractiveAsync(string collection, string queries, int count, bool withStages, CancellationToken cancellationToken)
    {
        // Without overrides: the answer path as configured, which must be extractive for this figure.
        await using var services = CliHost.Build();
        if (services.GetRequiredService<AnswerGenerator>().Mode != AnswerGenerator.ExtractiveMode)
        {
            throw new InvalidOperationException("An LLM is configured (Llm:Providers); unset it to time extractive answers.");
        }

        var ask = services.GetRequiredService<AskService>();
        var scope = AccessScope.Everything(collection);
        var questions = File.ReadLines(queries).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).Take(count).ToList();

        async Task<double> OneAsync(string question)
        {
            var started = Stopwatch.GetTimestamp();
            await foreach (var e in ask.AskAsync(new AskRequest(question, collection), scope, AskContext.None, cancellationToken))
            {
                if (e is ErrorEvent error)
                {
                    throw new InvalidOperationException(error.Message);
                }
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        // Warm up on other questions than the timed ones (the query-embedding cache would flatter them).
        foreach (var q in questions.TakeLast(10))
        {
            await OneAsync("warm-up " + q);
        }

        // Opt-in: listening makes every span real, a small cost the default figure should not carry.
        using var stages = withStages ? new StageTimings() : null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var timings = new List<double>();
        foreach (var q in questions)
        {
            timings.Add(await OneAsync(q));
            stages?.Next();
        }

        // CPU per answer blurs less than wall time on a shared machine (the database's share is not in it).
        var cpuMsPerAnswer = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, timings.Count), 1);
        return new { collection, questions = timings.Count, endToEndMs = BenchFigures.Percentiles(timings), cpuMsPerAnswer, stages = stages?.Summary() };
    }
}
