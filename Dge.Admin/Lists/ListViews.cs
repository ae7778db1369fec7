namespace Dge.Admin.Lists;

/// <summary>The pager under a list: how many rows it shows of the filtered total, and where the pages before and after are.</summary>
public sealed record Pager(int TotalCount, int Shown, PageInfo PageInfo);

/// <summary>A sortable column header: its label, its column and the list's current order.</summary>
public sealed record SortHeader(string Label, SortColumn Column, SortColumn Current, string? CssClass = null);
