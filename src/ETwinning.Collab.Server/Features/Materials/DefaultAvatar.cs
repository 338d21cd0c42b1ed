using System.Security.Cryptography;
using System.Text;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// A member's default avatar: a symmetric 5x5 pattern in two colours derived from the account id's hash. No photo,
/// no initials (which would give away names), the same picture every time for the same member.
/// </summary>
public static class DefaultAvatar
{
    private const int Cells = 5;
    private const int CellSize = 16;
    private const int Margin = 10;

    public static byte[] Svg(string accountId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("avatar:" + accountId));
        var hue = hash[0] * 360 / 256;
        var accentHue = (hue + 150 + hash[1] % 60) % 360;
        var size = Cells * CellSize + 2 * Margin;
        var svg = new StringBuilder()
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\">")
            .Append($"<rect width=\"{size}\" height=\"{size}\" rx=\"12\" fill=\"hsl({hue},55%,88%)\"/>")
            .Append($"<g fill=\"hsl({accentHue},60%,40%)\">");
        for (var row = 0; row < Cells; row++)
        {
            for (var column = 0; column < (Cells + 1) / 2; column++)
            {
                var bit = row * 3 + column;
                if ((hash[2 + bit / 8] >> (bit % 8) & 1) == 0) continue;
                AppendCell(svg, row, column);
                if (column != Cells - 1 - column) AppendCell(svg, row, Cells - 1 - column);
            }
        }
        return Encoding.UTF8.GetBytes(svg.Append("</g></svg>").ToString());
    }

    /// <summary>The ETag of a generated avatar: it depends on the account id only.</summary>
    public static string Hash(string accountId) => Convert.ToHexStringLower(SHA256.HashData(Svg(accountId)));

    private static void AppendCell(StringBuilder svg, int row, int column) =>
        svg.Append($"<rect x=\"{Margin + column * CellSize}\" y=\"{Margin + row * CellSize}\" width=\"{CellSize}\" height=\"{CellSize}\" rx=\"3\"/>");
}
