using Dge.Api.GraphQL.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Themes;

public sealed record CreateThemeInput
{
    public required string Code { get; init; }

    public required string NameDa { get; init; }

    public required string NameEn { get; init; }

    public required string Category { get; init; }
}

/// <summary>Fields left out (null) keep their value.</summary>
public sealed record UpdateThemeInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? Code { get; init; }

    public string? NameDa { get; init; }

    public string? NameEn { get; init; }

    public string? Category { get; init; }
}

/// <summary>The theme mutations: the shared vocabulary grows and is corrected here.</summary>
public static class ThemeMutations
{
    public static MutationType AddThemeMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateThemeInput, Theme>
        {
            Name = "createTheme",
            Description = "Adds a theme (emne) to the shared vocabulary. The code must be unique.",
            ResultField = "theme",
            ResultType = "Theme",
            Input =
            [
                new("code", "String!", "Reference code (kode), e.g. T38; unique, at most 10 characters."),
                new("nameDa", "String!", "Danish name (dansk navn)."),
                new("nameEn", "String!", "English name (engelsk navn)."),
                new("category", "String!", "Category (kategori), e.g. pharmacology."),
            ],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateThemeInput, Theme>
        {
            Name = "updateTheme",
            Description = "Changes a theme's code, names or category; fields left out keep their value.",
            ResultField = "theme",
            ResultType = "Theme",
            Input =
            [
                new("id", "ID!", "The theme."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("code", "String", "New reference code; unique."),
                new("nameDa", "String", "New Danish name."),
                new("nameEn", "String", "New English name."),
                new("category", "String", "New category."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict],
            Run = UpdateAsync,
        });
        return mutation;
    }

    private static async Task<Theme> CreateAsync(WriteTransaction write, CreateThemeInput input, CancellationToken cancellationToken)
    {
        var theme = new Theme
        {
            Code = await UniqueCodeAsync(write, input.Code, exceptId: null, cancellationToken),
            NameDa = InputRules.Text(input.NameDa, "nameDa", 200),
            NameEn = InputRules.Text(input.NameEn, "nameEn", 200),
            Category = InputRules.Text(input.Category, "category", 60),
        };
        write.Db.Themes.Add(theme);
        return theme;
    }

    private static async Task<Theme> UpdateAsync(WriteTransaction write, UpdateThemeInput input, CancellationToken cancellationToken)
    {
        var theme = await write.FindAsync<Theme>(input.Id, "id", cancellationToken);
        write.ExpectVersion(theme, input.ExpectedVersion);
        if (input.Code is not null)
        {
            theme.Code = await UniqueCodeAsync(write, input.Code, theme.Id, cancellationToken);
        }

        theme.NameDa = input.NameDa is null ? theme.NameDa : InputRules.Text(input.NameDa, "nameDa", 200);
        theme.NameEn = input.NameEn is null ? theme.NameEn : InputRules.Text(input.NameEn, "nameEn", 200);
        theme.Category = input.Category is null ? theme.Category : InputRules.Text(input.Category, "category", 60);
        return theme;
    }

    private static async Task<string> UniqueCodeAsync(WriteTransaction write, string code, int? exceptId, CancellationToken cancellationToken)
    {
        var text = InputRules.Text(code, "code", 10);
        return await write.Db.Themes.AnyAsync(t => t.Code == text && t.Id != exceptId, cancellationToken)
            ? throw MutationRefusedException.Invalid("code", "DUPLICATE_CODE", $"A theme with the code '{text}' exists already.")
            : text;
    }
}
