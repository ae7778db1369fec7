using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Dge.Tests.Admin;

/// <summary>Reads admin pages as a browser would and posts their forms with the antiforgery token the page carries.</summary>
public static class AdminForms
{
    public static async Task<IHtmlDocument> PageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token of <paramref name="page"/>.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlDocument page, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page has no antiforgery token.");
        return client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    public static async Task<IHtmlDocument> DocumentAsync(this HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
