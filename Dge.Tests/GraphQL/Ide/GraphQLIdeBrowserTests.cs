using System.Collections.Concurrent;
using Dge.Tests.GraphQL.Http;
using Dge.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dge.Tests.GraphQL.Ide;

/// <summary>
/// Banana Cake Pop in a real browser (Debian's Chromium, driven by Playwright; Playwright's own browser download is
/// not used) against the real host on Kestrel, offline: every request that would leave the host is refused and reported,
/// and so is anything the page's Content-Security-Policy blocks.
/// </summary>
public sealed class GraphQLIdeBrowserTests
{
    [Fact]
    public async Task Ide_RunQueryInBrowser_ShowsRegionNames()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await LiveDgeHost.StartAsync(timeout.Token);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // Without its service worker the IDE loads once; with it, the first visit reloads the page once the worker is installed.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, ServiceWorkers = ServiceWorkerPolicy.Block });
        page.SetDefaultTimeout(60_000);
        var leftTheHost = new ConcurrentQueue<string>();
        await page.RouteAsync("**/*", route => StayOnHost(route, host.BaseAddress, leftTheHost));
        // Chromium reports each CSP violation on the console ("Refused to ... Content Security Policy ...").
        var blockedByPolicy = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blockedByPolicy.Enqueue(message.Text);
            }
        };

        var ide = await page.GotoAsync(new Uri(host.BaseAddress, "graphql/").ToString());
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create Document" }).ClickAsync();
        await page.Locator(".monaco-editor").First.ClickAsync();
        await page.Keyboard.TypeAsync("{ regions(first: 5) { nodes { name } } }");
        var response = await RunUntilAnsweredAsync(page, host.GraphQLEndpoint, "regions", "Region Hovedstaden");

        Assert.Equal(200, response.Status);
        await Assertions.Expect(page.GetByText("Region Hovedstaden")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        // The IDE's introspection passed the depth and complexity limits, so docs and autocomplete work.
        await Assertions.Expect(page.GetByText("Schema available")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        Assert.Empty(leftTheHost);
        Assert.Contains("frame-ancestors 'none'", await ide!.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
        Assert.Empty(blockedByPolicy);
    }

    /// <summary>
    /// The IDE copies the editor's text into its document after a short debounce, and Run sends the document: a click
    /// before then sends the old one, empty or cut off mid-typing (CI once sent "{ regions(fi)"). A click while an
    /// operation runs waits for Run to come back and then runs it again, which clears the response pane: CI once had the
    /// answer on the wire and an empty pane, when Run was clicked every 500 ms until an answer came. So each attempt waits
    /// for Run to be enabled (no run in progress), clicks it once, and waits for its request, its answer and the answer on
    /// the page before the next.
    /// </summary>
    private static async Task<IResponse> RunUntilAnsweredAsync(IPage page, Uri endpoint, string operationText, string expectedAnswer)
    {
        const int attempts = 10;
        var run = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new("^Run Operation") });
        var lastAnswer = "no request carried the operation";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            await Assertions.Expect(run).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = 30_000 });
            IRequest request;
            try
            {
                request = await page.RunAndWaitForRequestAsync(
                    () => run.ClickAsync(),
                    request => request.Url == endpoint.ToString() && request.PostData?.Contains(operationText, StringComparison.Ordinal) == true,
                    new PageRunAndWaitForRequestOptions { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                // The click sent the old document: the next attempt waits for that run to end.
                continue;
            }

            if (await request.ResponseAsync().WaitAsync(TimeSpan.FromSeconds(30)) is not { } response)
            {
                lastAnswer = "the request failed";
                continue;
            }

            lastAnswer = await response.TextAsync();
            if (lastAnswer.Contains(expectedAnswer, StringComparison.Ordinal) && await ShowsAsync(page, expectedAnswer))
            {
                return response;
            }
        }

        throw new InvalidOperationException($"After {attempts} runs the IDE did not show \"{expectedAnswer}\"; the last answer: {lastAnswer}");
    }

    private static async Task<bool> ShowsAsync(IPage page, string text)
    {
        try
        {
            await page.GetByText(text).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static Task StayOnHost(IRoute route, Uri host, ConcurrentQueue<string> leftTheHost)
    {
        var url = new Uri(route.Request.Url);
        if (url.Scheme is "data" or "blob" || url.Authority == host.Authority)
        {
            return route.ContinueAsync();
        }

        leftTheHost.Enqueue(route.Request.Url);
        return route.AbortAsync();
    }
}
