using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ringback.Data;

/// <summary>The model on SQLite, with the migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteRingbackDbContext(DbContextOptions<SqliteRingbackDbContext> options, OrganizationScope? scope = null)
    : RingbackDbContext(options, scope);

/// <summary>The model on PostgreSQL, with the migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresRingbackDbContext(DbContextOptions<PostgresRingbackDbContext> options, OrganizationScope? scope = null)
    : RingbackDbContext(options, scope);

/// <summary>
/// What <c>dotnet ef</c> uses to build the SQLite model. Making a migration never opens the database, so the
/// file named here is not created.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRingbackDbContext>
{
    public SqliteRingbackDbContext CreateDbContext(string[] args) =>
        (SqliteRingbackDbContext)Storage.NewContext(new StorageOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "ringback-design") }, null);
}

/// <summary>What <c>dotnet ef</c> uses to build the PostgreSQL model; no server is contacted to make a migration.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRingbackDbContext>
{
    public PostgresRingbackDbContext CreateDbContext(string[] args) =>
        (PostgresRingbackDbContext)Storage.NewContext(new StorageOptions { Postgres = "Host=localhost;Database=ringback_design" }, null);
}
