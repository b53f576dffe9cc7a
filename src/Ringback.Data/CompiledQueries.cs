using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ringback.Data;

/// <summary>
/// A compiled query for each model it meets. EF Core runs a compiled query only against the model it was compiled
/// for, and SQLite's and PostgreSQL's contexts have a model each: a server has one, the tests have both at once.
/// </summary>
/// <param name="compile">Compiles the query (<c>EF.CompileAsyncQuery</c>); called once per model.</param>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new(ReferenceEqualityComparer.Instance);

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetOrAdd(db.Model, static (_, compile) => compile(), compile);
    }
}
