using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KnowledgeBase.Tests.Unit.Resilience;

public sealed class DatabaseOutageTests
{
    public static TheoryData<string> UnavailableStates => new() { "57P01", "57P02", "57P03", "08006", "08001", "53300" };

    [Theory]
    [MemberData(nameof(UnavailableStates))]
    public void Shutdowns_start_ups_lost_connections_and_full_servers_are_outages(string sqlState)
    {
        var e = new PostgresException("the database system is starting up", "FATAL", "FATAL", sqlState);

        Assert.True(DatabaseOutage.IsOutage(e));
    }

    [Fact]
    public void A_refused_or_broken_connection_is_an_outage_however_deeply_wrapped()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused);
        var update = new DbUpdateException("An error occurred while saving the entity changes.", new NpgsqlException("Exception while reading from stream", new IOException("reset")));

        Assert.True(DatabaseOutage.IsOutage(refused));
        Assert.True(DatabaseOutage.IsOutage(wrapped));
        Assert.True(DatabaseOutage.IsOutage(update));
        Assert.True(DatabaseOutage.IsOutage(new AggregateException(new ArgumentException("first"), refused)));
    }

    [Fact]
    public void Bugs_and_bad_data_are_not_outages()
    {
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("syntax error", "ERROR", "ERROR", "42601")));
        Assert.False(DatabaseOutage.IsOutage(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(DatabaseOutage.IsOutage(new TimeoutException("a model took too long")));
    }

    [Fact]
    public void The_stream_error_says_plainly_when_to_retry()
    {
        var error = DatabaseOutage.ErrorEvent(5);

        Assert.Equal("error", error.Type);
        Assert.Equal(5, error.RetryAfterSeconds);
        Assert.StartsWith("The knowledge base is temporarily unavailable", error.Message, StringComparison.Ordinal);
    }
}
