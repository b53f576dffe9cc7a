namespace Ringback.Phones;

/// <summary>
/// A phone number in E.164 form ("+14156162407"), with the extension kept apart because E.164 has none.
/// Only <see cref="PhoneNumberParser"/> makes one, so an instance is always a number we could dial.
/// </summary>
public readonly record struct PhoneNumber
{
    internal PhoneNumber(string e164, string? extension)
    {
        E164 = e164;
        Extension = extension;
    }

    public string E164 { get; }

    public string? Extension { get; }

    public override string ToString() => Extension is null ? E164 : $"{E164} x{Extension}";
}

/// <summary>The outcome of reading a number a person wrote: the number, or why it is not one.</summary>
public readonly record struct PhoneParseResult(PhoneNumber? Number, string? Error)
{
    public bool IsValid => Number is not null;

    public static PhoneParseResult Ok(PhoneNumber number) => new(number, null);

    public static PhoneParseResult Fail(string error) => new(null, error);
}
