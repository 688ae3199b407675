namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>
/// Which of the provider's groups become access groups here: the names on <see cref="Allowed"/> as they are, and
/// those starting with <see cref="Prefix"/> without it (<c>kb-hr</c> → <c>hr</c>). Nothing configured means the
/// provider's groups are ignored and admins assign groups here; a provider group can never grant the admin role.
/// </summary>
public sealed record ExternalGroupMapping(IReadOnlyCollection<string> Allowed, string? Prefix)
{
    public static ExternalGroupMapping None { get; } = new([], null);

    /// <summary>False when neither an allow-list nor a prefix is set: the provider does not manage groups.</summary>
    public bool Enabled => Allowed.Count > 0 || !string.IsNullOrEmpty(Prefix);

    public IReadOnlyList<string> Map(IEnumerable<string> providerGroups) =>
        providerGroups
            .Select(g => g.Trim())
            .Select(g => Allowed.Contains(g, StringComparer.Ordinal) ? g
                : !string.IsNullOrEmpty(Prefix) && g.StartsWith(Prefix, StringComparison.Ordinal) && g.Length > Prefix.Length ? g[Prefix.Length..]
                : null)
            .OfType<string>()
            .Where(GroupNames.IsValid)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
