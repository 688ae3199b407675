using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Infrastructure.Answering.Llm;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace KnowledgeBase.Cli.Evaluation;

/// <summary>
/// Optional LLM-judged faithfulness and correctness (RAGAS-style prompts, <see cref="JudgePrompts"/>) with the
/// configured primary chat model, through its resilience pipeline. Replies are cached on disk by model and
/// prompt, so re-running an evaluation costs nothing for unchanged answers.
/// </summary>
internal sealed class LlmJudge(ChatProvider provider, string cachePath)
{
    private readonly Dictionary<string, string> cache = Load(cachePath);

    public int Calls { get; private set; }

    public async Task<double?> FaithfulnessAsync(string question, CollectedAnswer answer, CancellationToken cancellationToken)
    {
        var claims = AnswerClaims.Split(answer.Text);
        if (claims.Count == 0)
        {
            return null;
        }

        var contexts = answer.CitedSources.Select(c => c.Passage ?? c.Snippet).ToList();
        return JudgePrompts.ParseFaithfulness(await ReplyAsync(JudgePrompts.Faithfulness(question, claims.Select(c => c.Text).ToList(), contexts), cancellationToken));
    }

    public async Task<double?> CorrectnessAsync(string question, string truth, string answer, CancellationToken cancellationToken) =>
        JudgePrompts.ParseCorrectness(await ReplyAsync(JudgePrompts.Correctness(question, truth, answer), cancellationToken));

    private async Task<string> ReplyAsync(string prompt, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(provider.Model + "\n" + prompt)));
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var history = new ChatHistory(JudgePrompts.System);
        history.AddUserMessage(prompt);
        var reply = await provider.Pipeline.ExecuteAsync(
            async token => (await provider.Service.GetChatMessageContentAsync(history, new PromptExecutionSettings { ModelId = provider.Model }, cancellationToken: token)).Content ?? string.Empty,
            cancellationToken);
        Calls++;
        cache[key] = reply;
        await File.AppendAllTextAsync(cachePath, JsonSerializer.Serialize(new { key, reply }) + "\n", cancellationToken);
        return reply;
    }

    private static Dictionary<string, string> Load(string path)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                entries[json.RootElement.GetProperty("key").GetString()!] = json.RootElement.GetProperty("reply").GetString()!;
            }
        }

        return entries;
    }
}
