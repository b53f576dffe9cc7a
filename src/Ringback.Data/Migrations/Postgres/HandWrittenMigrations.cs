using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ringback.Data.Migrations.Postgres;

// The migrations written by hand before dotnet-ef was available, under the ids earlier releases recorded
// (see Migrations/HandWritten). Everything after them is generated into this folder by `dotnet ef migrations add`.

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122080000_InitialSchema")]
public sealed class InitialSchema : HandWritten.InitialSchema;

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122090000_ContactSearch")]
public sealed class ContactSearch : HandWritten.ContactSearchMigration;

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122110000_VoicemailTemplates")]
public sealed class VoicemailTemplates : HandWritten.VoicemailTemplatesMigration;

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122120000_Planner")]
public sealed class Planner : HandWritten.PlannerMigration;

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122130000_QueueIndexes")]
public sealed class QueueIndexes : HandWritten.QueueIndexesMigration;

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122140000_Callbacks")]
public sealed class Callbacks : HandWritten.CallbacksMigration;

[DbContext(typeof(PostgresRingbackDbContext))]
[Migration("20261122150000_StatsIndexes")]
public sealed class StatsIndexes : HandWritten.StatsIndexesMigration;
