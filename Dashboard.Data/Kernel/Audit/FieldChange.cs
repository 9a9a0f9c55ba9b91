namespace Dashboard.Data.Kernel;

/// <summary>One field of one write, old → new, as short text (long texts are summarised, never copied).</summary>
public sealed record FieldChange(string Field, string? Old, string? New);
