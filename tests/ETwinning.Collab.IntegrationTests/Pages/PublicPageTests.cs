using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Pages;

namespace ETwinning.Collab.IntegrationTests.Pages;

public sealed class PublicPageTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    [Fact]
    public async Task Anyone_reads_a_published_public_page_as_sanitized_html_and_nothing_else()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Showcase", "Our results");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        await editor.AppendParagraphAsync("<script>alert('x')</script> Results");
        await editor.EditAsync(body =>
        {
            var paragraph = new ETwinning.Collab.Crdt.Types.YXmlElement("paragraph");
            body.Insert(body.Length, paragraph);
            var text = new ETwinning.Collab.Crdt.Types.YXmlText();
            paragraph.Insert(0, text);
            text.Insert(0, "click", new Dictionary<string, object?> { ["link"] = new Dictionary<string, object?> { ["href"] = "javascript:alert(1)" } });
            var image = new ETwinning.Collab.Crdt.Types.YXmlElement("image");
            body.Insert(body.Length, image);
            image.SetAttribute("src", "https://tracker.example/pixel.png");
            image.SetAttribute("alt", "a pixel");
        });
        var url = new Uri($"/api/public/twinspaces/{scenario.Id}/pages/{page.Id}", UriKind.Relative);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.BaseUrl };

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Members);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Public);

        var shown = await anonymous.GetFromJsonAsync<PublicPageView>(url);
        Assert.Equal("Showcase", shown!.Title);
        Assert.Equal("Our results", shown.Description);
        Assert.Equal("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Results</p><p>click</p>a pixel", shown.Html);

        await scenario.FounderHub.DeletePageAsync(scenario.Id, page.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_export_holds_every_page_and_needs_the_export_permission()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var (teacher, _) = await scenario.AddTeacherAsync();
        var home = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Home");
        await scenario.FounderHub.CreatePageAsync(scenario.Id, "Sub & page", null, home.Id);
        await (await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, home.Id)).AppendParagraphAsync("Welcome");
        var url = new Uri($"/api/twinspaces/{scenario.Id}/pages/export", UriKind.Relative);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Founder.AccessToken);
        using var response = await fixture.Server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h2>Home</h2><p>Welcome</p>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Sub &amp; page</h2>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Home", StringComparison.Ordinal) < html.IndexOf("Sub &amp; page", StringComparison.Ordinal));

        // The TwinSpace export (zip) carries the same pages and the tree in its manifest.
        using var zipRequest = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/twinspaces/{scenario.Id}/export", UriKind.Relative));
        zipRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Founder.AccessToken);
        using var zipResponse = await fixture.Server.Http.SendAsync(zipRequest);
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        using (var reader = new StreamReader(zip.GetEntry("pages/pages.html")!.Open()))
            Assert.Contains("<h2>Home</h2><p>Welcome</p>", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        using (var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open()))
            Assert.Contains(home.Id, await reader.ReadToEndAsync(), StringComparison.Ordinal);

        // A partner teacher is a member, but exporting is for teacher administrators.
        using var outsider = new HttpRequestMessage(HttpMethod.Get, url);
        outsider.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teacher.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Server.Http.SendAsync(outsider)).StatusCode);
    }
}
