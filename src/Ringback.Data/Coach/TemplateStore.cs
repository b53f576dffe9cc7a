using Microsoft.EntityFrameworkCore;
using NodaTime;
using Ringback.Coach;

namespace Ringback.Data.Coach;

/// <summary>Saving a rep's templates, for the API and the Templates page alike. A rep sees and changes only their own.</summary>
public static class TemplateStore
{
    public static async Task<SavedTemplate> AddAsync(RingbackDbContext db, Guid userId, VoicemailTemplate template, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(template);
        var saved = new SavedTemplate
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Strategy = template.Strategy,
            Name = template.Name,
            Body = template.Body,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.VoicemailTemplates.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return saved;
    }

    public static async Task<SavedTemplate?> UpdateAsync(RingbackDbContext db, Guid userId, Guid id, VoicemailTemplate template, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(template);
        var saved = await db.VoicemailTemplates.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (saved is null)
        {
            return null;
        }

        saved.Strategy = template.Strategy;
        saved.Name = template.Name;
        saved.Body = template.Body;
        saved.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return saved;
    }

    public static async Task<bool> DeleteAsync(RingbackDbContext db, Guid userId, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.VoicemailTemplates.Where(t => t.Id == id && t.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
