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

    /// <summary>IBAN lengths by country (ISO 13616 registry, the countries most often seen).</summary>
    public static int? IbanLength(ReadOnlySpan<char> country) => country switch
    {
        "AD" => 24, "AE" => 23, "AL" => 28, "AT" => 20, "AZ" => 28, "BA" => 20, "BE" => 16, "BG" => 22, "BH" => 22, "BR" => 29,
        "CH" => 21, "CR" => 22, "CY" => 28, "CZ" => 24, "DE" => 22, "DK" => 18, "DO" => 28, "EE" => 20, "EG" => 29, "ES" => 24,
        "FI" => 18, "FO" => 18, "FR" => 27, "GB" => 22, "GE" => 22, "GI" => 23, "GL" => 18, "GR" => 27, "GT" => 28, "HR" => 21,
        "HU" => 28, "IE" => 22, "IL" => 23, "IS" => 26, "IT" => 27, "JO" => 30, "KW" => 30, "KZ" => 20, "LB" => 28, "LI" => 21,
        "LT" => 20, "LU" => 20, "LV" => 21, "MC" => 27, "MD" => 24, "ME" => 22, "MK" => 19, "MR" => 27, "MT" => 31, "MU" => 30,
        "NL" => 18, "NO" => 15, "PK" => 24, "PL" => 28, "PS" => 29, "PT" => 25, "QA" => 29, "RO" => 24, "RS" => 22, "SA" => 24,
        "SE" => 24, "SI" => 19, "SK" => 24, "SM" => 27, "TN" => 24, "TR" => 26, "UA" => 29, "VG" => 24, "XK" => 20,
        _ => null,
    };
}
