using System.Text.RegularExpressions;
using AngleSharp.Dom;
using KnowledgeBase.Core.Guardrails.Injection;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// Text a browser would not show, where the page itself says so: the <c>hidden</c> attribute, and inline styles with
/// <c>display:none</c>, <c>visibility:hidden</c>, zero font size, zero opacity, a zero-size box that clips its
/// content, off-screen positioning, or white text with no background of its own (white on a white page). Such text
/// is where instructions for a model hide; it is removed before indexing and reported. (Styles from stylesheets and
/// classes are not evaluated.)
/// </summary>
public static partial class HiddenHtml
{
    /// <summary>Removes the hidden elements under <paramref name="root"/>; returns one warning per element that held text.</summary>
    public static IReadOnlyList<string> Remove(IElement root)
    {
        var warnings = new List<string>();
        var removed = new HashSet<IElement>();
        foreach (var element in root.QuerySelectorAll("*").Where(e => Reason(e) is not null).ToList())
        {
            if (element.Ancestors<IElement>().Any(removed.Contains))
            {
                continue;
            }

            var text = string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 0)
            {
                warnings.Add($"{DocumentScreen.HiddenTextWarning} ({Reason(element)}): “{DocumentScreen.Excerpt(text)}”");
            }

            removed.Add(element);
            element.Remove();
        }

        return warnings;
    }

    /// <summary>Why an element is hidden, or null when it is not (by its own attributes).</summary>
    public static string? Reason(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return "hidden attribute";
        }

        var style = element.GetAttribute("style");
        if (string.IsNullOrWhiteSpace(style))
        {
            return null;
        }

        var css = Declarations(style);
        string? Get(string name) => css.TryGetValue(name, out var value) ? value : null;
        return Get("display") == "none" ? "display:none"
            : Get("visibility") is "hidden" or "collapse" ? "visibility:hidden"
            : IsZero(Get("font-size")) ? "zero font size"
            : IsZero(Get("opacity")) ? "zero opacity"
            : (IsZero(Get("width")) || IsZero(Get("height")) || IsZero(Get("max-height")) || IsZero(Get("max-width"))) && Get("overflow") is "hidden" or "clip" ? "zero-size box"
            : OffScreen(Get("text-indent")) || (Get("position") is "absolute" or "fixed" && (OffScreen(Get("left")) || OffScreen(Get("top")))) ? "off-screen"
            : IsWhite(Get("color")) && !HasBackground(element) ? "white text on white"
            : Get("color") is { } color && color == Get("background-color") ? "text coloured like its background"
            : null;
    }

    private static Dictionary<string, string> Declarations(string style)
    {
        var css = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var declaration in style.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = declaration.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                css[declaration[..colon].Trim()] = declaration[(colon + 1)..].Replace("!important", string.Empty, StringComparison.OrdinalIgnoreCase).Trim().ToLowerInvariant();
            }
        }

        return css;
    }

    private static bool IsZero(string? value) => value is not null && ZeroLength().IsMatch(value);

    private static bool OffScreen(string? value) => value is not null && OffScreenLength().IsMatch(value);

    private static bool IsWhite(string? color) => color is "#fff" or "#ffffff" or "white" or "#fffffe" || (color is not null && WhiteRgb().IsMatch(color));

    private static bool HasBackground(IElement element) =>
        element.AncestorsAndSelf().Any(e => e.GetAttribute("style") is { } s && Declarations(s) is var css
            && (css.TryGetValue("background-color", out var bg) || css.TryGetValue("background", out bg)) && !IsWhite(bg) && bg is not ("transparent" or "none"));

    private static IEnumerable<IElement> AncestorsAndSelf(this IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            yield return e;
        }
    }

    [GeneratedRegex(@"^0*\.?0+(?:px|pt|em|rem|%|vh|vw)?$")]
    private static partial Regex ZeroLength();

    [GeneratedRegex(@"^-\d{3,}(?:\.\d+)?(?:px|pt|em|rem)$")]
    private static partial Regex OffScreenLength();

    [GeneratedRegex(@"^rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*[\d.]+\s*)?\)$")]
    private static partial Regex WhiteRgb();
}
