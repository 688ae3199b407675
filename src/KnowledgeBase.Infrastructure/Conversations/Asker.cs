namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>Who asks: the sign-in's stable id (owner of conversations, budget key) and a readable name for reports.</summary>
public sealed record Asker(string UserId, string UserName);
