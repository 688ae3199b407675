namespace KnowledgeBase.Api.Identity;

/// <summary>Claim types of this app's principals (besides the standard id, email, name and role).</summary>
public static class KbClaims
{
    public const string Group = "kb:group";

    /// <summary>"user" (a person, by cookie) or "api_key" (a service client).</summary>
    public const string Kind = "kb:kind";

    public const string Scope = "kb:scope";

    public const string ApiKeyId = "kb:api_key";

    public const string DisplayName = "kb:display_name";

    /// <summary>The security stamp at sign-in: a password change (new stamp) ends every other session.</summary>
    public const string SecurityStamp = "kb:stamp";

    /// <summary>Unix seconds of the password or single sign-on sign-in; the session ends a fixed time after it.</summary>
    public const string SignedInAt = "kb:signed_in_at";

    public const string UserKind = "user";
    public const string ApiKeyKind = "api_key";
}
