namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>The system clock moved forward by <see cref="Offset"/>, for tests of lifetimes measured in hours.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
