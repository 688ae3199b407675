using System.Text.RegularExpressions;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Guardrails.Injection;

/// <summary>One instruction aimed at a model found in document text: the sentence it is in, which kind of attack, and what it asks the model to say or link to.</summary>
public sealed record PlantedInstruction(string Sentence, string Kind, IReadOnlyList<string> Payloads);

/// <summary>
/// Finds text that addresses a model rather than a reader (OWASP LLM01, indirect prompt injection): overriding
/// earlier instructions, claiming a system or developer role, role-play set-ups, requests to reveal the prompt or
/// to send data somewhere, chat-template tokens. Used on sources at answer time and on documents at ingestion.
/// </summary>
public static partial class InjectionScanner
{
    public static IReadOnlyList<PlantedInstruction> Scan(string text)
    {
        if (!MightContain(text))
        {
            return [];
        }

        var found = new List<PlantedInstruction>();
        foreach (var range in SentenceSplitter.Spans(text))
        {
            var sentence = text[range];
            if (Kind(sentence) is { } kind)
            {
                found.Add(new PlantedInstruction(sentence, kind, Payloads(sentence)));
            }
        }

        return found;
    }

    /// <summary>The attack kind a sentence matches, or null.</summary>
    public static string? Kind(string sentence) =>
        Override().IsMatch(sentence) ? "instruction override"
        : RoleClaim().IsMatch(sentence) ? "system-role claim"
        : Exfiltration().IsMatch(sentence) ? "data exfiltration"
        : PromptLeak().IsMatch(sentence) ? "prompt extraction"
        : RolePlay().IsMatch(sentence) ? "role-play set-up"
        : AddressesModel().IsMatch(sentence) ? "instruction to the assistant"
        : null;

    /// <summary>What a planted instruction wants the model to output: quoted text, the word after "answer only", URLs.</summary>
    private static IReadOnlyList<string> Payloads(string sentence)
    {
        var payloads = new List<string>();
        foreach (Match m in Quoted().Matches(sentence))
        {
            payloads.Add(m.Groups["q"].Value.Trim());
        }

        foreach (Match m in SayOnly().Matches(sentence))
        {
            payloads.Add(m.Groups["word"].Value);
        }

        foreach (Match m in Url().Matches(sentence))
        {
            payloads.Add(m.Value.TrimEnd('.', ',', ';', ':', '!', '?'));
        }

        return [.. payloads.Where(p => p.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Cheap rejection: every pattern needs one of these words.</summary>
    private static bool MightContain(string text) => Hints().IsMatch(text);

    [GeneratedRegex(@"(?i)ignore|disregard|forget|override|system|developer|assistant|\bAI\b|model|LLM|chatbot|prompt|instruction|you are now|act as|pretend|role|<\||\[INST\]|respond|answer only|reply only|say only|exfiltrat|send")]
    private static partial Regex Hints();

    // "Ignore previous instructions", "disregard the above", "new instructions:", "from now on, answer …". Employee
    // documents say "do not ignore safety rules" or "from now on you must submit…": the override must point back
    // at earlier instructions, or tell the reader how to answer.
    [GeneratedRegex(@"(?i)\b(?:ignore|disregard|forget|override|bypass)\b[\w\s,'’-]{0,25}?\b(?:previous|prior|above|earlier|preceding|foregoing|initial|original|system)\b[\w\s'’-]{0,30}?\b(?:instructions?|directions?|rules|guidelines|prompts?|messages?|context|constraints|guardrails)\b|\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:your|these|the|my)\s+(?:instructions|rules|guidelines|programming|system prompt)\b|\b(?:ignore|disregard)\s+(?:everything|all)\s+(?:above|before|else)\b|\b(?:new|updated|real|actual)\s+instructions?\s*:|\bfrom now on,?\s+(?:you (?:are|will (?:answer|respond|reply|say|only))|answer|respond|reply|say|only)\b|\binstead\b[^.]{0,20}\b(?:answer|respond|reply|say|output)\b[^.]{0,10}\bonly\b")]
    private static partial Regex Override();

    [GeneratedRegex(@"(?i)\b(?:system|developer)\s+(?:prompt|message|instructions?|note|override)\s*:|(?-i:(?:^|\n)\s*(?:SYSTEM|DEVELOPER)\s*:)|<\|(?:im_start|system|endoftext|im_end)\|>|\[/?INST\]|###\s*(?:system|instruction)\b|<<\s*SYS\s*>>")]
    private static partial Regex RoleClaim();

    [GeneratedRegex(@"(?i)\b(?:send|post|forward|upload|exfiltrate|leak|transmit|email|e-mail)\b[^.]{0,30}\b(?:conversation|chat|history|question|credentials|the above|everything|user'?s?\s+(?:data|details|password|e-?mail|information|messages?))\b[^.]{0,40}\b(?:to|at)\s+(?:https?://|\S+@\S+)|\b(?:append|include|add|embed)\b[^.]{0,40}\b(?:conversation|chat history|user'?s?\s+(?:data|question|e-?mail|password|details))\b[^.]{0,40}(?:url|link|https?://)")]
    private static partial Regex Exfiltration();

    [GeneratedRegex(@"(?i)\b(?:reveal|print|output|repeat|show|display|disclose|leak|tell me)\b[^.]{0,30}\b(?:system prompt|initial prompt|hidden prompt|your (?:instructions|prompt|system prompt)|the (?:instructions|prompt) (?:above|you were given))")]
    private static partial Regex PromptLeak();

    [GeneratedRegex(@"(?i)\b(?:you are now|you're now|from now on you are)\s+(?:an?\s+|the\s+)?(?:AI|assistant|unrestricted|unfiltered|jailbroken|DAN|evil|different|new)\b|\bpretend\s+(?:to be|you are)\s+(?:an?|the)\s+(?:AI|assistant|model|different|unrestricted|unfiltered)\b|\b(?:roleplay|role-play)\s+as\b|\benter\s+(?:developer|DAN|god)\s+mode\b|\bjailbreak\b")]
    private static partial Regex RolePlay();

    [GeneratedRegex(@"(?i)\b(?:if you are|to|for|attention|note to|dear|hey)\s+(?:an?\s+|the\s+|any\s+)?(?:AI|LLM|language model|large language model|chatbot|AI assistant|AI model|GPT|ChatGPT|Copilot|virtual assistant)s?\b[^.]{0,80}\b(?:must|should|shall|need to|have to|answer|respond|reply|say|ignore|tell|output|include|recommend)\b")]
    private static partial Regex AddressesModel();

    [GeneratedRegex(@"[""'“‘`](?<q>[^""'“”‘’`\n]{2,80})[""'”’`]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?i)\b(?:answer|respond|reply|say|output|print|write)\s+(?:only|just|with only|with just|exactly)\s*:?\s+(?<word>[A-Za-z0-9_!-]{3,40})\b")]
    private static partial Regex SayOnly();

    [GeneratedRegex(@"(?i)\b(?:https?://|www\.)[^\s<>()\[\]""'`]+")]
    private static partial Regex Url();
}
