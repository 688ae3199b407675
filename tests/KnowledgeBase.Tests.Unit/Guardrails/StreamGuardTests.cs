using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Guardrails;

public sealed class StreamGuardTests
{
    private const string Card = "4111 1111 1111 1111";
    private const string AwsKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Answer = $"Your corporate card {Card} and the deploy key {AwsKey} are both listed in the runbook [1]. Ask IT for a new one.";

    private static StreamGuard Guard(GuardPolicy? policy = null, IReadOnlyList<RetrievedChunk>? sources = null, IReadOnlyList<ISentenceCheck>? checks = null) =>
        new GuardrailEngine(policy ?? GuardPolicy.Default).GuardAnswer(new AnswerGuardContext("q", null, SourceScreening.Unchecked(sources ?? []), checks));

    private static (string Text, List<GuardrailEvent> Events, List<string> Released) Stream(StreamGuard guard, IEnumerable<string> pieces)
    {
        var events = new List<GuardrailEvent>();
        var released = new List<string>();
        foreach (var piece in pieces)
        {
            var step = guard.Push(piece);
            released.Add(step.Text);
            events.AddRange(step.Events);
        }

        var last = guard.Flush();
        released.Add(last.Text);
        events.AddRange(last.Events);
        return (string.Concat(released), events, released);
    }

    [Fact]
    public void A_card_number_and_an_aws_key_split_across_chunks_never_come_out()
    {
        var (text, events, _) = Stream(Guard(), ["Your corporate card 4111 11", "11 1111 1", "111 and the deploy key AK", "IAIOSFOD", "NN7EXAMPLE are both listed in the runbook [1]. Ask IT for a new one."]);

        Assert.Equal("Your corporate card [redacted: card number] and the deploy key [redacted: AWS access key] are both listed in the runbook [1]. Ask IT for a new one.", text);
        Assert.Equal([GuardRules.PaymentCard, GuardRules.AwsKey], events.Select(e => e.Rule));
        Assert.All(events, e => Assert.Equal("redact", e.Action));
        Assert.Equal("[redacted: card number]", text.Substring(events[0].Start!.Value, events[0].Length!.Value));
        Assert.Equal("[redacted: AWS access key]", text.Substring(events[1].Start!.Value, events[1].Length!.Value));
    }

    [Fact]
    public void Wherever_the_chunks_split_the_secrets_no_released_piece_or_join_holds_them()
    {
        var expected = GuardrailEngine.Default.Redact(Answer);
        for (var cut1 = 1; cut1 < Answer.Length - 1; cut1 += 3)
        {
            for (var cut2 = cut1 + 1; cut2 < Answer.Length; cut2 += 7)
            {
                var (text, _, released) = Stream(Guard(), [Answer[..cut1], Answer[cut1..cut2], Answer[cut2..]]);
                Assert.Equal(expected, text);
                Assert.DoesNotContain("1111", text, StringComparison.Ordinal);
                Assert.DoesNotContain("IOSFODNN7", text, StringComparison.Ordinal);
                Assert.All(released, r => Assert.DoesNotContain("AKIA", r, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Token_by_token_every_prefix_of_a_secret_is_held_until_it_is_judged()
    {
        var pieces = Answer.Select(c => c.ToString()).ToList();
        var (text, _, released) = Stream(Guard(), pieces);

        Assert.Equal(GuardrailEngine.Default.Redact(Answer), text);
        var shown = string.Empty;
        foreach (var r in released)
        {
            shown += r;
            Assert.DoesNotContain("4111", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIA", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prose_in_pieces_that_end_with_a_space_streams_without_delay()
    {
        var guard = Guard();
        foreach (var piece in StreamingText.Pieces("The FlexFit allowance is paid every calendar year, in equal monthly parts. "))
        {
            Assert.Equal(piece, guard.Push(piece).Text);
        }
    }

    [Fact]
    public void A_number_is_held_until_something_that_cannot_continue_it_follows()
    {
        var guard = Guard();

        Assert.Equal("It is ", guard.Push("It is 600 ").Text);
        Assert.Equal("600 EUR ", guard.Push("EUR ").Text);
    }

    [Fact]
    public void A_word_still_being_written_is_held_only_until_the_next_piece()
    {
        var guard = Guard();

        Assert.Equal(string.Empty, guard.Push("The").Text);
        Assert.Equal("The ", guard.Push(" allowance").Text);
        Assert.Equal("allowance ", guard.Push(" is").Text);
        Assert.Equal("is", guard.Flush().Text);
    }

    [Fact]
    public void An_open_key_block_stops_the_answer_at_its_first_line_without_waiting_for_its_end()
    {
        var guard = Guard();

        guard.Push("Use this key:");
        var step = guard.Push(" -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA");

        Assert.True(step.Blocked);
        Assert.Equal("block", Assert.Single(step.Events).Action);
        Assert.DoesNotContain("BEGIN", guard.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_rule_stops_the_answer_before_the_match_and_keeps_the_safe_text()
    {
        var guard = Guard();

        var (text, events, _) = Stream(guard, ["Use this key: ", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "IBAAKCAQEA\n-----END RSA PRIVATE KEY-----", " and more text."]);

        Assert.True(guard.Blocked);
        Assert.Equal("Use this key: ", text);
        var block = Assert.Single(events);
        Assert.Equal(("secret.private_key", "block", "private key"), (block.Rule, block.Action, block.SpanKind));
        Assert.Equal(GuardAction.Block, guard.Strongest);
        Assert.Equal(GuardStep.Empty, guard.Push("anything"));
    }

    [Fact]
    public void The_company_s_own_address_passes_while_a_personal_one_is_redacted()
    {
        var policy = new GuardPolicy { Pii = new() { AllowedEmailDomains = ["lumen-robotics.example"] } };

        var (text, _, _) = Stream(Guard(policy), ["Write to security@lumen-", "robotics.example or to jane.", "doe@gmail.com today."]);

        Assert.Equal("Write to security@lumen-robotics.example or to [redacted: e-mail address] today.", text);
    }

    [Fact]
    public void A_flag_rule_delivers_the_text_and_reports_where_it_is()
    {
        var policy = new GuardPolicy { Actions = new Dictionary<string, GuardAction>(GuardPolicy.Defaults) { [GuardRules.Email] = GuardAction.Flag } };

        var (text, events, _) = Stream(Guard(policy), ["Mail jane.doe@", "example.org for help."]);

        Assert.Equal("Mail jane.doe@example.org for help.", text);
        var flag = Assert.Single(events);
        Assert.Equal("flag", flag.Action);
        Assert.Equal("jane.doe@example.org", text.Substring(flag.Start!.Value, flag.Length!.Value));
    }

    [Fact]
    public void A_blocklist_phrase_split_across_chunks_is_caught_whole_word_and_case_insensitive()
    {
        var policy = new GuardPolicy { Blocklist = [new BlocklistEntry("merger", ["Project Titan"], [], [], GuardAction.Redact)] };

        var (text, events, released) = Stream(Guard(policy), ["The plan for project ", "TI", "TAN is secret; titanic is not."]);

        Assert.Equal("The plan for [redacted: merger] is secret; titanic is not.", text);
        Assert.Equal("blocklist", Assert.Single(events).Rule);
        Assert.All(released, r => Assert.DoesNotContain("project", r, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_link_the_sources_do_not_contain_loses_its_target_and_keeps_its_label()
    {
        var source = new RetrievedChunk(1, Guid.NewGuid(), "Portal", "portal.md", "Enrol at https://benefits.example.com/enrol before March.", 1, 1, string.Empty, 1);

        var (text, events, _) = Stream(Guard(sources: [source]), ["Enrol at https://benefits.example.com/enrol or ", "[reset your password](https://evil.example/reset) or https://phish.example.net."]);

        Assert.Equal("Enrol at https://benefits.example.com/enrol or reset your password or [redacted: link].", text);
        Assert.Equal([GuardRules.UntrustedLink, GuardRules.UntrustedLink], events.Select(e => e.Rule));
    }

    [Fact]
    public void Sentence_rules_that_may_redact_hold_each_sentence_until_it_ends()
    {
        var guard = Guard(new GuardPolicy { Actions = new Dictionary<string, GuardAction>(GuardPolicy.Defaults) { [GuardRules.Groundedness] = GuardAction.Redact } }, checks: [new Unsupported("moon")]);

        Assert.Equal(string.Empty, guard.Push("The allowance is ").Text);
        Assert.Equal("The allowance is 600 EUR. ", guard.Push("600 EUR. The moon").Text);
        var judged = guard.Push(" is cheese. Paid ");
        var last = guard.Flush();

        Assert.Equal("[redacted: unsupported statement] ", judged.Text);
        Assert.Equal("The allowance is 600 EUR. [redacted: unsupported statement] Paid ", guard.Text);
        Assert.Equal("groundedness", Assert.Single(judged.Events.Concat(last.Events)).Rule);
    }

    [Fact]
    public void Flag_only_sentence_rules_report_a_finished_sentence_without_holding_it()
    {
        var guard = Guard(checks: [new Unsupported("moon")]);

        var first = guard.Push("The moon is cheese. ");
        var second = guard.Push("Fine");
        var last = guard.Flush();

        Assert.Equal("The moon is cheese. ", first.Text);
        var flag = Assert.Single(first.Events.Concat(second.Events).Concat(last.Events));
        Assert.Equal(("groundedness", "flag", 0, 19), (flag.Rule, flag.Action, flag.Start!.Value, flag.Length!.Value));
    }

    /// <summary>Calls any sentence containing a word unsupported.</summary>
    private sealed class Unsupported(string word) : ISentenceCheck
    {
        public IReadOnlyList<string> Rules { get; } = [GuardRules.Groundedness];

        public void Check(string sentence, List<(string Rule, string Kind)> findings)
        {
            if (sentence.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add((GuardRules.Groundedness, "unsupported statement"));
            }
        }
    }
}
