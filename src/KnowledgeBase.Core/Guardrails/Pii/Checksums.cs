using System.Collections.Frozen;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>The check digits that turn a number-shaped string into a likely card, IBAN or SSN.</summary>
public static class Checksums
{
    /// <summary>Luhn (mod 10) over the digits of <paramref name="value"/>, separators ignored.</summary>
    public static bool Luhn(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var doubled = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                continue;
            }

            var d = value[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: the IBAN (spaces removed, upper case) moved and read as a number is 1 mod 97.</summary>
    public static bool IbanMod97(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>US SSN rules: no area 000, 666 or 900–999, no group 00, no serial 0000.</summary>
    public static bool ValidSsn(int area, int group, int serial) =>
        area is > 0 and not 666 and < 900 && group > 0 && serial > 0;

    /// <summary>Issuer prefixes (IIN) and lengths of the card networks: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro.</summary>
    public static bool KnownCardIssuer(ReadOnlySpan<char> digits)
    {
        var n = digits.Length;
        var (two, three, four) = (Prefix(digits, 2), Prefix(digits, 3), Prefix(digits, 4));
        return digits[0] switch
        {
            '4' => n is 13 or 16 or 19,
            '5' => (two is >= 51 and <= 55 && n == 16) || (two is 50 or >= 56 && n is >= 12 and <= 19),
            '2' => four is >= 2221 and <= 2720 && n == 16,
            '3' => (two is 34 or 37 && n == 15) || (four is >= 3528 and <= 3589 && n is >= 16 and <= 19)
                || ((three is >= 300 and <= 305 || two is 36 or 38 or 39) && n is >= 14 and <= 19),
            '6' => (four == 6011 || three is >= 644 and <= 649 || two is 65 or 62 or 67) && n is >= 16 and <= 19,
            _ => false,
        };
    }

    private static int Prefix(ReadOnlySpan<char> digits, int length)
    {
        var value = 0;
        for (var i = 0; i < length && i < digits.Length; i++)
        {
            value = (value * 10) + (digits[i] - '0');
        }

        return value;
    }

    /// <summary>IBAN lengths by country (ISO 13616 registry, the countries most often seen), as country code and length.</summary>
    private static readonly FrozenDictionary<string, int> IbanLengths = (
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 " +
        "FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IS26 IT27 JO30 KW30 KZ20 LB28 LI21 " +
        "LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 " +
        "SE24 SI19 SK24 SM27 TN24 TR26 UA29 VG24 XK20")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(e => e[..2], e => int.Parse(e[2..], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public static int? IbanLength(ReadOnlySpan<char> country) =>
        IbanLengths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(country, out var length) ? length : null;
}
