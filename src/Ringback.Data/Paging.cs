namespace Ringback.Data;

/// <summary>Pages of a list, for the API and the pages alike.</summary>
public static class Paging
{
    /// <summary>
    /// One page of an ordered query. A page past the end is empty, however large its number: the offset is
    /// worked out in 64 bits, so page 2,147,483,647 is not page 1 again by overflow.
    /// </summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> ordered, int page, int pageSize, int total)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var offset = (long)(Math.Max(page, 1) - 1) * pageSize;
        return offset >= total ? ordered.Take(0) : ordered.Skip((int)offset).Take(pageSize);
    }
}
