using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KnowledgeBase.Infrastructure.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting a host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KnowledgeBaseDbContext>
{
    public KnowledgeBaseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KnowledgeBaseDbContext>()
            .UseNpgsql(DatabaseOptions.DefaultConnectionString, o => o.UseVector())
            .UseSnakeCaseNamingConvention()
            .Options);
}
