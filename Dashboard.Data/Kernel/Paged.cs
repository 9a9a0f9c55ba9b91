namespace Dashboard.Data.Kernel;

/// <summary>One page of a list read in SQL, with the number of rows the whole filter matches.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);
