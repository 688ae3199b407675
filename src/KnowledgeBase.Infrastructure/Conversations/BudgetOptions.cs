using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Conversations;

public sealed class BudgetOptions
{
    public const string Section = "Budgets";

    /// <summary>
    /// Model tokens (input + output, as the model reported them) one user may spend per UTC day; 0 = unlimited.
    /// Extractive answers use no model and count 0.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long DailyTokensPerUser { get; set; }
}
