using Dge.Api.Groups;
using Dge.Api.GraphQL.Mutations;
using Dge.Api.Themes;
using Microsoft.EntityFrameworkCore;

namespace Dge.Api.Materials;

public sealed record CreateLearningMaterialInput
{
    public required string Title { get; init; }

    public required MaterialKind Kind { get; init; }

    public required string Publisher { get; init; }

    public required DateOnly PublishedOn { get; init; }

    public required string Url { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public IReadOnlyList<GroupKind>? IntendedFor { get; init; }
}

/// <summary>Fields left out (null) keep their value; a list given replaces the whole set.</summary>
public sealed record UpdateLearningMaterialInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public string? Title { get; init; }

    public MaterialKind? Kind { get; init; }

    public string? Publisher { get; init; }

    public DateOnly? PublishedOn { get; init; }

    public string? Url { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public IReadOnlyList<GroupKind>? IntendedFor { get; init; }
}

public sealed record RetireLearningMaterialInput
{
    public required string Id { get; init; }

    public required int ExpectedVersion { get; init; }

    public required DateOnly RetiredOn { get; init; }
}

/// <summary>The learning material mutations: the catalogue grows, is corrected and retires materials (they stay for the meetings that used them).</summary>
public static class LearningMaterialMutations
{
    public static MutationType AddMaterialMutations(this MutationType mutation)
    {
        mutation.Add(new MutationDefinition<CreateLearningMaterialInput, LearningMaterial>
        {
            Name = "createLearningMaterial",
            Description = "Adds a learning material (læringsmateriale) with its themes and intended group kinds.",
            ResultField = "learningMaterial",
            ResultType = "LearningMaterial",
            Input =
            [
                new("title", "String!", "Title (titel), at most 300 characters."),
                new("kind", "MaterialKind!", "Kind (materialetype)."),
                new("publisher", "String!", "Publisher (udgiver): PLO-E, KiAP, DSAM or a KAP unit."),
                new("publishedOn", "Date!", "Day of publication (udgivet)."),
                new("url", "String!", "Absolute http(s) link to the material."),
                new("themeIds", "[ID!]", "Themes (emner) the material treats."),
                new("intendedFor", "[GroupKind!]", "Group kinds the material is intended for (målgruppe)."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound],
            Run = CreateAsync,
        });
        mutation.Add(new MutationDefinition<UpdateLearningMaterialInput, LearningMaterial>
        {
            Name = "updateLearningMaterial",
            Description = "Changes a learning material; fields left out keep their value, and a list given replaces the whole set.",
            ResultField = "learningMaterial",
            ResultType = "LearningMaterial",
            Input =
            [
                new("id", "ID!", "The material."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("title", "String", "New title."),
                new("kind", "MaterialKind", "New kind."),
                new("publisher", "String", "New publisher."),
                new("publishedOn", "Date", "New day of publication; not after the retirement."),
                new("url", "String", "New link."),
                new("themeIds", "[ID!]", "The themes, replacing the current ones."),
                new("intendedFor", "[GroupKind!]", "The intended group kinds, replacing the current ones."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict],
            Run = UpdateAsync,
        });
        mutation.Add(new MutationDefinition<RetireLearningMaterialInput, LearningMaterial>
        {
            Name = "retireLearningMaterial",
            Description = "Withdraws a learning material from a day on (udgået); meetings that used it keep it.",
            ResultField = "learningMaterial",
            ResultType = "LearningMaterial",
            Input =
            [
                new("id", "ID!", "The material."),
                new("expectedVersion", "Int!", "The version the caller read; a newer one is a ConflictError."),
                new("retiredOn", "Date!", "First day the material is no longer in use; not before its publication."),
            ],
            Errors = [MutationErrorGraphTypes.NotFound, MutationErrorGraphTypes.Conflict],
            Run = RetireAsync,
        });
        return mutation;
    }

    private static async Task<LearningMaterial> CreateAsync(WriteTransaction write, CreateLearningMaterialInput input, CancellationToken cancellationToken)
    {
        var material = new LearningMaterial
        {
            Title = InputRules.Text(input.Title, "title", 300),
            Kind = input.Kind,
            Publisher = InputRules.Text(input.Publisher, "publisher", 100),
            PublishedOn = InputRules.Date(input.PublishedOn, "publishedOn"),
            Url = InputRules.Url(input.Url, "url", 500),
        };
        foreach (var theme in await write.FindAllAsync<Theme>(input.ThemeIds ?? [], "themeIds", cancellationToken))
        {
            material.Themes.Add(new MaterialTheme { ThemeId = theme.Id });
        }

        foreach (var kind in (input.IntendedFor ?? []).Distinct())
        {
            material.IntendedGroupKinds.Add(new MaterialGroupKind { Kind = kind });
        }

        write.Db.LearningMaterials.Add(material);
        return material;
    }

    private static async Task<LearningMaterial> UpdateAsync(WriteTransaction write, UpdateLearningMaterialInput input, CancellationToken cancellationToken)
    {
        var material = await write.FindAsync<LearningMaterial>(input.Id, "id", cancellationToken);
        write.ExpectVersion(material, input.ExpectedVersion);
        material.Title = input.Title is null ? material.Title : InputRules.Text(input.Title, "title", 300);
        material.Kind = input.Kind ?? material.Kind;
        material.Publisher = input.Publisher is null ? material.Publisher : InputRules.Text(input.Publisher, "publisher", 100);
        material.Url = input.Url is null ? material.Url : InputRules.Url(input.Url, "url", 500);
        if (input.PublishedOn is { } publishedOn)
        {
            material.PublishedOn = InputRules.Date(publishedOn, "publishedOn");
            if (material.RetiredOn < publishedOn)
            {
                throw MutationRefusedException.Invalid("publishedOn", "PERIOD_ORDER", $"publishedOn must not be after the retirement ({material.RetiredOn:yyyy-MM-dd}).");
            }
        }

        if (input.ThemeIds is { } themeIds)
        {
            var themes = (await write.FindAllAsync<Theme>(themeIds, "themeIds", cancellationToken)).Select(t => t.Id).ToHashSet();
            var current = await write.Db.MaterialThemes.Where(t => t.MaterialId == material.Id).ToListAsync(cancellationToken);
            write.Db.MaterialThemes.RemoveRange(current.Where(t => !themes.Contains(t.ThemeId)));
            write.Db.MaterialThemes.AddRange(themes.Except(current.Select(t => t.ThemeId)).Select(id => new MaterialTheme { MaterialId = material.Id, ThemeId = id }));
        }

        if (input.IntendedFor is { } intendedFor)
        {
            var kinds = intendedFor.ToHashSet();
            var current = await write.Db.MaterialGroupKinds.Where(k => k.MaterialId == material.Id).ToListAsync(cancellationToken);
            write.Db.MaterialGroupKinds.RemoveRange(current.Where(k => !kinds.Contains(k.Kind)));
            write.Db.MaterialGroupKinds.AddRange(kinds.Except(current.Select(k => k.Kind)).Select(kind => new MaterialGroupKind { MaterialId = material.Id, Kind = kind }));
        }

        write.Touch(material);
        return material;
    }

    private static async Task<LearningMaterial> RetireAsync(WriteTransaction write, RetireLearningMaterialInput input, CancellationToken cancellationToken)
    {
        var material = await write.FindAsync<LearningMaterial>(input.Id, "id", cancellationToken);
        write.ExpectVersion(material, input.ExpectedVersion);
        if (material.RetiredOn is { } retired)
        {
            throw MutationRefusedException.Invalid("id", "ALREADY_RETIRED", $"The material was retired on {retired:yyyy-MM-dd}.");
        }

        material.RetiredOn = InputRules.End(InputRules.Date(input.RetiredOn, "retiredOn"), material.PublishedOn, "retiredOn");
        return material;
    }
}
