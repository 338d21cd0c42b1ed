using System.Net;
using System.Net.Http.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt.Types;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.TestSupport;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>Images from Materials inside pages: public exactly while a published public page shows them.</summary>
public sealed class PageImageTests(PagesServerFixture fixture) : IClassFixture<PagesServerFixture>
{
    [Fact]
    public async Task An_image_on_a_page_is_downloadable_anonymously_only_while_the_page_is_published_and_public()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var material = await UploadReadyImageAsync(scenario, "Our river");
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Showcase", "");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        await editor.EditAsync(body => InsertImage(body, $"/api/twinspaces/{scenario.Id}/materials/{material.Id}/original", "The river in spring"));
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.BaseUrl };
        var image = new Uri($"/api/public/{scenario.Id}/materials/{material.Id}/original", UriKind.Relative);
        var thumbnail = new Uri($"/api/public/{scenario.Id}/materials/{material.Id}/thumbnail", UriKind.Relative);
        var pageUrl = new Uri($"/api/public/twinspaces/{scenario.Id}/pages/{page.Id}", UriKind.Relative);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image)).StatusCode); // a draft
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Members);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image)).StatusCode); // members only

        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Public);
        var shown = await anonymous.GetFromJsonAsync<PublicPageView>(pageUrl);
        Assert.Equal($"<p><img src=\"{image}\" alt=\"The river in spring\"></p>", shown!.Html);
        using (var download = await anonymous.GetAsync(image))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
        }
        // The material is public, so its other variants are too (the page may show any of them).
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(thumbnail)).StatusCode);

        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, false, PageVisibility.Public);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image)).StatusCode); // unpublished

        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Public);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(image)).StatusCode);
        await editor.EditAsync(body => body.Delete(0, body.Length));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image)).StatusCode); // removed from the page

        await editor.EditAsync(body => InsertImage(body, $"/api/twinspaces/{scenario.Id}/materials/{material.Id}/original", "The river again"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(image)).StatusCode);
        await scenario.FounderHub.DeletePageAsync(scenario.Id, page.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(image)).StatusCode); // deleted
    }

    [Fact]
    public async Task A_public_page_cannot_make_another_twinspaces_material_public()
    {
        await using var owner = await TwinSpaceScenario.CreateAsync(fixture.Server);
        await using var other = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var material = await UploadReadyImageAsync(owner, "Private photo");
        var page = await other.FounderHub.CreatePageAsync(other.Id, "Borrowed", "");
        var editor = await PageEditor.JoinAsync(other.FounderHub, other.Id, page.Id);
        await editor.EditAsync(body => InsertImage(body, $"/api/twinspaces/{owner.Id}/materials/{material.Id}/original", "not ours"));
        await other.FounderHub.SetPageStateAsync(other.Id, page.Id, true, PageVisibility.Public);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.BaseUrl };

        var shown = await anonymous.GetFromJsonAsync<PublicPageView>(new Uri($"/api/public/twinspaces/{other.Id}/pages/{page.Id}", UriKind.Relative));
        Assert.Equal("<p>not ours</p>", shown!.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/api/public/{owner.Id}/materials/{material.Id}/original", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/api/public/{other.Id}/materials/{material.Id}/original", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_public_page_cannot_make_a_picture_from_a_rooms_files_public()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(fixture.Server);
        var room = await scenario.FounderHub.CreateRoomAsync(scenario.Id, "Pen pals (private)");
        var material = await UploadReadyImageAsync(scenario, "Class photo", room.MaterialCollectionId);
        var page = await scenario.FounderHub.CreatePageAsync(scenario.Id, "Showcase", "");
        var editor = await PageEditor.JoinAsync(scenario.FounderHub, scenario.Id, page.Id);
        await editor.EditAsync(body => InsertImage(body, $"/api/twinspaces/{scenario.Id}/materials/{material.Id}/original", "Our class"));
        await scenario.FounderHub.SetPageStateAsync(scenario.Id, page.Id, true, PageVisibility.Public);
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.BaseUrl };

        var original = await anonymous.GetAsync(new Uri($"/api/public/{scenario.Id}/materials/{material.Id}/original", UriKind.Relative));
        var thumbnail = await anonymous.GetAsync(new Uri($"/api/public/{scenario.Id}/materials/{material.Id}/thumbnail", UriKind.Relative));

        // A room's files are for its members and the teachers; a page shown to the world does not change that.
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (original.StatusCode, thumbnail.StatusCode));
    }

    private async Task<MaterialView> UploadReadyImageAsync(TwinSpaceScenario scenario, string title, string? collectionId = null)
    {
        var (_, partnerHub) = await scenario.AddTeacherAsync();
        var ready = new EventRecorder<MaterialView>();
        partnerHub.MaterialReady += ready.Record;
        await partnerHub.JoinTwinSpaceAsync(scenario.Id);
        var files = new ETwinning.Collab.Client.MaterialsHttpClient(fixture.Server.Http);
        var uploaded = await files.UploadAsync(scenario.Founder.AccessToken, scenario.Id, new MemoryStream(TestImages.PlainJpeg(400, 300)), "river.jpg", collectionId, title: title);
        return await ready.WaitForAsync(m => m.Id == uploaded.Id);
    }

    /// <summary>A paragraph holding an inline image, as prosemirror-schema-basic and y-prosemirror store it.</summary>
    private static void InsertImage(YXmlFragment body, string source, string alt)
    {
        var paragraph = new YXmlElement("paragraph");
        body.Insert(body.Length, paragraph);
        var image = new YXmlElement("image");
        paragraph.Insert(0, image);
        image.SetAttribute("src", source);
        image.SetAttribute("alt", alt);
    }
}
