using NodaTime;

namespace Ringback.Contacts;

/// <summary>
/// One merge of two contacts, kept for 30 days so it can be undone: the contact merged away as it was, what of the
/// kept one's was empty before, and what moved. The merged-away contact's address leads to the kept one meanwhile (and
/// after: a link in a sent reminder or a calendar keeps working).
/// </summary>
public sealed class ContactMergeRecord : Accounts.IOrganizationOwned
{
    /// <summary>How long a merge can be undone.</summary>
    public static readonly Duration UndoFor = Duration.FromDays(30);

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid KeptId { get; set; }

    public Guid MergedId { get; set; }

    /// <summary>"Sue Jones": the merged-away contact's name, as the kept one's page says it.</summary>
    public required string MergedName { get; set; }

    public Guid? ByUserId { get; set; }

    public Instant At { get; set; }

    public Instant? UndoneAt { get; set; }

    /// <summary>The merged-away contact's fields (<see cref="ContactSnapshot"/>, as JSON).</summary>
    public required string Merged { get; set; }

    /// <summary>The kept contact's fields before the merge filled them (<see cref="ContactSnapshot"/>, as JSON).</summary>
    public required string KeptBefore { get; set; }

    /// <summary>The ids of what moved (<see cref="MovedRecords"/>, as JSON).</summary>
    public required string Moved { get; set; }

    public bool CanUndo(Instant now) => UndoneAt is null && now - At <= UndoFor;
}

/// <summary>A contact's own fields, to be put back as they were.</summary>
public sealed record ContactSnapshot(
    string? Salutation, string? FirstName, string LastName, string? Title, Guid? CompanyId, string? Industry, string? DirectPhone, string? DirectExtension,
    string? MobilePhone, string? AfterHoursPhone, string? Email, string? TimeZone, Guid? OwnerId, long? HandedOverAtTicks, ContactStatus Status,
    Guid? ReferredByContactId, string? ReferredByName, string? ReferralNote, string? Notes, long CreatedAtTicks)
{
    public static ContactSnapshot Of(Contact c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Salutation, c.FirstName, c.LastName, c.Title, c.CompanyId, c.Industry, c.DirectPhone, c.DirectExtension, c.MobilePhone, c.AfterHoursPhone,
            c.Email, c.TimeZone, c.OwnerId, c.HandedOverAt?.ToUnixTimeTicks(), c.Status, c.ReferredByContactId, c.ReferredByName, c.ReferralNote, c.Notes,
            c.CreatedAt.ToUnixTimeTicks());
    }

    /// <summary>The contact as it was, under its own id.</summary>
    public Contact ToContact(Guid id, Guid organizationId, Instant now) => new()
    {
        Id = id, OrganizationId = organizationId, Salutation = Salutation, FirstName = FirstName, LastName = LastName, Title = Title, CompanyId = CompanyId,
        Industry = Industry, DirectPhone = DirectPhone, DirectExtension = DirectExtension, MobilePhone = MobilePhone, AfterHoursPhone = AfterHoursPhone,
        Email = Email, TimeZone = TimeZone, OwnerId = OwnerId, HandedOverAt = HandedOverAtTicks is { } h ? Instant.FromUnixTimeTicks(h) : null, Status = Status,
        ReferredByContactId = ReferredByContactId, ReferredByName = ReferredByName, ReferralNote = ReferralNote, Notes = Notes,
        CreatedAt = Instant.FromUnixTimeTicks(CreatedAtTicks), UpdatedAt = now,
    };

    /// <summary>
    /// Takes back from the kept contact what the merge filled in from the other: each field that was empty before
    /// and still holds what the merge put there. A field changed since the merge is the rep's, and stays.
    /// </summary>
    public void Unfill(Contact kept, ContactSnapshot merged, string? notesAfterMerge)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(merged);
        static T Back<T>(T now, T before, T filled) => before is null && Equals(now, filled) ? before : now;
        kept.Salutation = Back(kept.Salutation, Salutation, merged.Salutation);
        kept.FirstName = Back(kept.FirstName, FirstName, merged.FirstName);
        kept.Title = Back(kept.Title, Title, merged.Title);
        kept.CompanyId = Back(kept.CompanyId, CompanyId, merged.CompanyId);
        kept.Industry = Back(kept.Industry, Industry, merged.Industry);
        if (DirectPhone is null && kept.DirectPhone == merged.DirectPhone)
        {
            (kept.DirectPhone, kept.DirectExtension) = (null, DirectExtension);
        }

        kept.MobilePhone = Back(kept.MobilePhone, MobilePhone, merged.MobilePhone);
        kept.AfterHoursPhone = Back(kept.AfterHoursPhone, AfterHoursPhone, merged.AfterHoursPhone);
        kept.Email = Back(kept.Email, Email, merged.Email);
        kept.TimeZone = Back(kept.TimeZone, TimeZone, merged.TimeZone);
        kept.OwnerId = Back(kept.OwnerId, OwnerId, merged.OwnerId);
        kept.ReferredByContactId = Back(kept.ReferredByContactId, ReferredByContactId, merged.ReferredByContactId);
        kept.ReferredByName = Back(kept.ReferredByName, ReferredByName, merged.ReferredByName);
        kept.ReferralNote = Back(kept.ReferralNote, ReferralNote, merged.ReferralNote);
        if (kept.Notes == notesAfterMerge)
        {
            kept.Notes = Notes;
        }
    }
}

/// <summary>What a merge moved from the merged-away contact to the kept one, by id.</summary>
public sealed record MovedRecords(
    IReadOnlyList<Guid> Calls, IReadOnlyList<Guid> Gatekeepers, IReadOnlyList<Guid> Commitments, IReadOnlyList<Guid> Referrals, IReadOnlyList<Guid> Enrollments,
    string? NotesAfterMerge)
{
    /// <summary>How many of <see cref="Calls"/> were deleted ones (they move too, to be restored where they belong).</summary>
    public int DeletedCalls { get; init; }

    /// <summary>"5 calls, 1 gatekeeper, 2 commitments and their cadence": what moves, as the confirmation says it.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(int n, string one, string many)
        {
            if (n > 0)
            {
                parts.Add($"{n} {(n == 1 ? one : many)}");
            }
        }

        Add(Calls.Count - DeletedCalls, "call", "calls");
        Add(DeletedCalls, "deleted call", "deleted calls");
        Add(Gatekeepers.Count, "gatekeeper", "gatekeepers");
        Add(Commitments.Count, "commitment", "commitments");
        Add(Referrals.Count, "contact they referred", "contacts they referred");
        if (Enrollments.Count > 0)
        {
            parts.Add("their cadence");
        }

        return parts.Count switch
        {
            0 => "nothing but their details",
            1 => parts[0],
            _ => string.Join(", ", parts[..^1]) + " and " + parts[^1],
        };
    }
}
