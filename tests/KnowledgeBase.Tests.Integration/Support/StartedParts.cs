namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// Stops what a fixture started, in the order given, skipping what never started: xunit v2 disposes a fixture even
/// when its InitializeAsync failed part way, and a dispose that throws on the first missing part would leave the
/// servers and processes started before it running after the test run.
/// </summary>
public static class StartedParts
{
    public static async Task DisposeAsync(params IAsyncDisposable?[] parts)
    {
        foreach (var part in parts)
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }
    }
}
