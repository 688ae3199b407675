namespace SampleDocs.PdfGen;

/// <summary>
/// Command line entry point.
/// <code>
///   SampleDocs.PdfGen &lt;outputDir&gt; [--sources &lt;dir&gt;]   generate one PDF per sources/*.txt into outputDir
///   SampleDocs.PdfGen --verify &lt;dir&gt; [--full]           read every PDF in dir back with PdfPig and check it
/// </code>
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: SampleDocs.PdfGen <outputDir> [--sources <dir>]\n" +
        "       SampleDocs.PdfGen --verify <dir> [--full]";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args.Contains("-h") || args.Contains("--help"))
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            if (args[0] == "--verify")
            {
                if (args.Length < 2)
                {
                    Console.Error.WriteLine(Usage);
                    return 2;
                }

                var full = args.Skip(2).Contains("--full");
                return PdfVerifier.VerifyDirectory(args[1], full, Console.Out) ? 0 : 1;
            }

            var outputDir = args[0];
            var sourcesDir = Path.Combine(AppContext.BaseDirectory, "sources");
            for (var i = 1; i < args.Length; i++)
            {
                if (args[i] == "--sources" && i + 1 < args.Length)
                {
                    sourcesDir = args[++i];
                }
                else
                {
                    Console.Error.WriteLine($"unknown argument: {args[i]}");
                    Console.Error.WriteLine(Usage);
                    return 2;
                }
            }

            return Generate(sourcesDir, outputDir);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static int Generate(string sourcesDir, string outputDir)
    {
        var sources = Directory.GetFiles(sourcesDir, "*.txt").Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
        {
            Console.Error.WriteLine($"no *.txt sources found in {sourcesDir}");
            return 1;
        }

        Directory.CreateDirectory(outputDir);
        foreach (var sourcePath in sources)
        {
            var document = SourceParser.Parse(Path.GetFileNameWithoutExtension(sourcePath), File.ReadAllText(sourcePath));
            var bytes = PdfRenderer.Render(document);
            var outputPath = Path.Combine(outputDir, document.FileStem + ".pdf");
            File.WriteAllBytes(outputPath, bytes);
            Console.WriteLine($"wrote {outputPath} ({document.Pages.Count} pages, {bytes.Length} bytes)");
        }

        return 0;
    }
}
