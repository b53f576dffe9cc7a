using Ringback.Validation;

namespace Ringback.Accounts;

/// <summary>A rep's profile as typed or sent.</summary>
public record ProfileDraft
{
    public string? Name { get; init; }
    public string? CompanyName { get; init; }
    public string? CallbackPhone { get; init; }
    public string? AfterHoursPhone { get; init; }
    public string? TimeZone { get; init; }

    /// <summary>"Mon-Fri 09:00-12:00": when the rep can be reached, said in messages.</summary>
    public string? ReachableHours { get; init; }

    /// <summary>"Mon-Fri 09:00-17:00": when the rep works; no call is planned outside it. Empty means Monday to Friday, 9 to 5.</summary>
    public string? WorkingHours { get; init; }

    /// <summary>The settings form filled from a user, numbers shown as people in <paramref name="region"/> write them.</summary>
    public static ProfileDraft From(User user, string region) => new()
    {
        Name = user.Name,
        CompanyName = user.CompanyName,
        CallbackPhone = user.CallbackPhone is null ? null : Phones.PhoneFormat.Shown(user.CallbackPhone, region),
        AfterHoursPhone = user.AfterHoursPhone is null ? null : Phones.PhoneFormat.Shown(user.AfterHoursPhone, region),
        TimeZone = user.TimeZone,
        ReachableHours = user.ReachableHours.ToString(),
        WorkingHours = user.WorkingHours.ToString(),
    };
}

public static class ProfileRules
{
    /// <summary>Checks the draft and, only if all of it is good, writes it onto the user.</summary>
    public static ValidationErrors Apply(User user, ProfileDraft draft, string defaultRegion)
    {
        var errors = new ValidationErrors();
        var name = Field.Text(errors, "name", draft.Name, 100, required: true);
        var company = Field.Text(errors, "companyName", draft.CompanyName, 200);
        var callback = Field.Phone(errors, "callbackPhone", draft.CallbackPhone, defaultRegion, allowExtension: false);
        var afterHours = Field.Phone(errors, "afterHoursPhone", draft.AfterHoursPhone, defaultRegion, allowExtension: false);
        var zone = Field.TimeZone(errors, "timeZone", draft.TimeZone);
        if (zone is null && errors.For("timeZone").Count == 0)
        {
            errors.Add("timeZone", "is required");
        }

        var hours = Field.Windows(errors, "reachableHours", draft.ReachableHours);
        var working = Field.Windows(errors, "workingHours", draft.WorkingHours);
        if (!errors.IsEmpty)
        {
            return errors;
        }

        user.Name = name!;
        user.CompanyName = company;
        user.CallbackPhone = callback?.E164;
        user.AfterHoursPhone = afterHours?.E164;
        user.TimeZone = zone!;
        user.ReachableHours = hours;
        user.WorkingHours = working;
        return errors;
    }
}
