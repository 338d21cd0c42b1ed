using System.Text.Json;
using System.Text.Json.Serialization;

namespace ETwinning.Collab.Server.Infrastructure.Http;

/// <summary>JSON settings shared by the HTTP API and the hub's JSON protocol: camelCase, enums as camelCase strings.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
