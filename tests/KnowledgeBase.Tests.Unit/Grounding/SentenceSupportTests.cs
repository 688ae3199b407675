using KnowledgeBase.Core.Grounding;

namespace KnowledgeBase.Tests.Unit.Grounding;

public sealed class SentenceSupportTests
{
    private static readonly Evidence Perks = Evidence.From([
        "Overview\nWith PerksPlus, employees can expense up to $1,000 for fitness-related programs. PerksPlus also supports mental health.",
        "Vacation is 25 days per year. Unused days expire in March.",
    ]);

    [Fact]
    public void Evidence_sentences_know_their_text_and_where_they_are()
    {
        var sentence = Perks.Sentences[1];

        Assert.Equal(0, sentence.Source);
        Assert.Equal(sentence.Text, sentence.Range.Of(Perks.Texts[0]));
        Assert.Contains("1000", sentence.Numbers);
        Assert.Equal(5, Perks.Sentences.Count);
        Assert.Null(Perks.Next(Perks.Sentences[2]));
    }

    [Fact]
    public void The_sentence_holding_the_question_terms_scores_highest_by_words()
    {
        var lexical = SentenceSupport.Lexical("How much can employees expense for fitness programs?", Perks);

        Assert.Equal(1, Array.IndexOf(lexical, lexical.Max()));
        Assert.Equal(1.0, lexical[1], 3);
    }

    [Fact]
    public void Rare_terms_weigh_more_than_terms_every_sentence_shares()
    {
        var evidence = Evidence.From(["Plan A covers dental care. Plan A covers vision care. Plan A covers hearing aids."]);

        var lexical = SentenceSupport.Lexical("Does plan A cover hearing aids?", evidence);

        Assert.Equal(1.0, lexical[2], 3);
        Assert.InRange(lexical[0], 0.3, 0.4);
    }

    [Fact]
    public void A_claim_with_a_number_its_sources_never_state_is_not_supported()
    {
        var claim = "Employees can expense up to $2000 for fitness-related programs.";
        var scores = SentenceSupport.Score(Perks, SentenceSupport.Lexical(claim, Perks), new Dictionary<int, double>(), SupportCalibration.Default);

        var verdict = SentenceSupport.Judge(claim, Perks, scores, SupportCalibration.Default);

        Assert.Equal(["2000"], verdict.MissingNumbers);
        Assert.False(verdict.Supported);
        Assert.Equal(1, verdict.Best!.Index);
    }

    [Fact]
    public void A_claim_copied_from_a_source_is_supported()
    {
        var claim = "With PerksPlus, employees can expense up to $1000 for fitness-related programs.";
        var scores = SentenceSupport.Score(Perks, SentenceSupport.Lexical(claim, Perks), new Dictionary<int, double>(), SupportCalibration.Default);

        var verdict = SentenceSupport.Judge(claim, Perks, scores, SupportCalibration.Default);

        Assert.True(verdict.Supported);
        Assert.Empty(verdict.MissingNumbers);
        Assert.Equal(1.0, verdict.Score, 3);
    }

    [Fact]
    public void Similarity_is_blended_in_where_it_was_computed()
    {
        var calibration = SupportCalibration.Default;

        Assert.Equal(0.4, calibration.Blend(0.4, null), 6);
        Assert.Equal(0.2 + 0.5, calibration.Blend(0.4, 0.9), 6);
        Assert.Equal(0.2, calibration.Blend(0.4, 0.1), 6);
    }

    [Fact]
    public void The_shortlist_holds_the_best_sentences_by_words_or_all_when_few()
    {
        Assert.Equal([0, 1, 2], SentenceSupport.Shortlist([0.1, 0.5, 0.2], 5));
        Assert.Equal([1, 3], SentenceSupport.Shortlist([0.1, 0.5, 0.2, 0.5], 2));
    }

    [Fact]
    public void A_misspelt_question_word_counts_as_the_evidence_word_it_is_one_edit_from()
    {
        var evidence = Evidence.From(["You can carry over up to 5 unused vacation days.", "Parking is free."]);

        var tolerant = SentenceSupport.Lexical("How many vacaton days can I cary over?", evidence, tolerateTypos: true);
        var strict = SentenceSupport.Lexical("How many vacaton days can I cary over?", evidence);

        Assert.Equal(1.0, tolerant[0], 3);
        Assert.True(strict[0] < 0.5);
        Assert.Equal(["vacation", "day"], evidence.Correct(["vacaton", "day"]));
        Assert.Equal(["zzzz"], evidence.Correct(["zzzz"]));
    }

    [Fact]
    public void A_table_row_is_read_with_its_section_heading_but_not_with_the_row_above()
    {
        var evidence = Evidence.From(["Hotel caps per night\nOther domestic cities: 120 EUR per night\nTier A international cities (London, Paris, Zurich, New York, Tokyo): 230 EUR per night\nParking is free."]);

        var scores = SentenceSupport.Lexical("What is the hotel cap in London?", evidence);

        Assert.Equal("Hotel caps per night", evidence.Heading(evidence.Sentences[2])?.Text);
        Assert.True(scores[2] > 0.8, $"London row {scores[2]}");
        Assert.Null(evidence.Heading(evidence.Sentences[0]));
    }

    [Fact]
    public void A_sentence_is_read_with_its_documents_title_when_the_evidence_has_titles()
    {
        string[] texts = ["The right of recovery must be requested within two years."];
        const string question = "How long to request a right of recovery under Northwind Standard?";

        var alone = SentenceSupport.Lexical(question, Evidence.From(texts))[0];
        var titled = SentenceSupport.Lexical(question, Evidence.From(texts, ["Northwind Standard Benefits Details"]))[0];

        Assert.True(titled > alone, $"{titled} > {alone}");
        Assert.True(titled < 1, "title words count a little less than the sentence's own");
    }

    [Fact]
    public void Words_settle_a_quoted_claim_and_a_wrong_number_but_leave_a_paraphrase_to_the_model()
    {
        string Verdict(string claim) => SentenceSupport.VerdictByWords(claim, Perks, SentenceSupport.Lexical(claim, Perks), SupportCalibration.Default) switch
        {
            true => "supported",
            false => "unsupported",
            null => "open",
        };

        Assert.Equal("supported", Verdict("With PerksPlus, employees can expense up to $1,000 for fitness-related programs."));
        Assert.Equal("unsupported", Verdict("Employees can expense up to $2000 for fitness-related programs."));
        Assert.Equal("open", Verdict("Staff get a thousand dollars for gym memberships."));
        Assert.Equal("open", Verdict("With PerksPlus, employees can expense up to $1,000 for fitness-related programs."[..20] + " and yoga retreats."));
    }
}
