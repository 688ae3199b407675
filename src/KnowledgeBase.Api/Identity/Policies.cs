namespace KnowledgeBase.Api.Identity;

/// <summary>
/// Authorization policies. People (cookie) are admins or employees; API keys only pass the policies
/// of their scopes, so a key never reaches an endpoint that names none of its scopes.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person (the default for <c>RequireAuthorization()</c>); API keys are refused.</summary>
    public const string Person = "Person";

    public const string Admin = "Admin";

    /// <summary>Answering: any person, or a key with the <c>ask</c> scope.</summary>
    public const string Ask = "Ask";

    /// <summary>The search debug endpoint: admins, or a key with the <c>search</c> scope.</summary>
    public const string Search = "Search";

    /// <summary>Document management: admins, or a key with the <c>documents</c> scope.</summary>
    public const string Documents = "Documents";

    /// <summary>Reading a document's file: any person or key (the document's groups are checked in SQL).</summary>
    public const string ReadDocument = "ReadDocument";
}
