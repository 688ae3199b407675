namespace KnowledgeBase.Tests.Integration.Identity;

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityApp>
{
    public const string Name = "Identity";
}
