using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Ringback.Scheduling;

namespace Ringback.Data.Configurations;

/// <summary>Instants are stored as UTC timestamps: timestamptz on PostgreSQL, ISO text on SQLite (which sorts as time).</summary>
internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    utc => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    day => LocalDate.FromDateOnly(day));

internal sealed class WeeklyWindowsConverter() : ValueConverter<WeeklyWindows, string>(
    windows => windows.ToString(),
    text => WeeklyWindows.Parse(text));

/// <summary>snake_case tables and columns, so that psql and sqlite3 users need no quotes.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(Snake(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Snake(property.Name));
            }
        }
    }

    public static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}

internal static class OwnedByOrganization
{
    /// <summary>Every organization-owned table refers to its organization; organizations are never deleted from under rows.</summary>
    public static void BelongsToOrganization<T>(this EntityTypeBuilder<T> builder)
        where T : class, Ringback.Accounts.IOrganizationOwned =>
        builder.HasOne<Ringback.Accounts.Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
}
