using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Conversations;

internal static class ConversationMetrics
{
    public static readonly Counter<long> Answers = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.answers", "{answer}", "Stored answers, by status (completed, failed, cancelled).");

    public static readonly Counter<long> BudgetRefusals = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.budget.refusals", "{question}", "Questions refused because the user's daily token budget was spent.");
}
