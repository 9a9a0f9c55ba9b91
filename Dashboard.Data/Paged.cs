namespace Dashboard.Data;

/// <summary>One page of a list read in SQL, with the number of rows the whole filter matches.</summary>
// Immutable, so a cache hands out the one instance instead of a copy per request.
[System.ComponentModel.ImmutableObject(true)]
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);
