namespace Ringback.Validation;

/// <summary>Every problem found with one input, by field, so a person can fix them all in one go.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    public IEnumerable<string> Fields => _byField.Keys;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
    }

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var list) ? list : [];

    public IDictionary<string, string[]> ToDictionary() => _byField.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() => string.Join("; ", _byField.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}")));
}

/// <summary>The result of checking an input: the clean value, or the errors.</summary>
public readonly record struct Checked<T>(T? Value, ValidationErrors Errors)
    where T : class
{
    public bool IsValid => Errors.IsEmpty && Value is not null;
}
