using NetVips;

namespace ETwinning.Collab.Server.Features.Demo;

/// <summary>
/// The demo's pictures, drawn in code (no files to ship, nobody's photo): simple landscapes of a river, a town and a
/// water glass, as a class would draw them. PNG, so they go through the same image pipeline as any upload.
/// </summary>
internal static class DemoPictures
{
    private const int Width = 800;
    private const int Height = 500;

    private static readonly double[] Sky = [150, 205, 240];
    private static readonly double[] Grass = [96, 170, 88];
    private static readonly double[] Water = [40, 110, 190];
    private static readonly double[] Sun = [250, 210, 60];
    private static readonly double[] Roof = [190, 70, 50];
    private static readonly double[] Wall = [240, 230, 210];
    private static readonly double[] Glass = [205, 230, 245];
    private static readonly double[] Table = [150, 110, 70];

    /// <summary>A river between green banks under a sunny sky.</summary>
    public static byte[] River() => Draw(canvas =>
    {
        canvas.DrawRect(Grass, 0, 260, Width, Height - 260, fill: true);
        canvas.DrawRect(Water, 0, 330, Width, 90, fill: true);
        canvas.DrawCircle(Sun, 660, 90, 50, fill: true);
    });

    /// <summary>Houses of a town by the river.</summary>
    public static byte[] Town() => Draw(canvas =>
    {
        canvas.DrawRect(Grass, 0, 300, Width, Height - 300, fill: true);
        canvas.DrawRect(Water, 0, 420, Width, 80, fill: true);
        for (var house = 0; house < 5; house++)
        {
            var left = 60 + (house * 145);
            canvas.DrawRect(Wall, left, 200, 110, 110, fill: true);
            canvas.DrawRect(Roof, left - 10, 170, 130, 35, fill: true);
        }
    });

    /// <summary>A glass of water on a table.</summary>
    public static byte[] WaterGlass() => Draw(canvas =>
    {
        canvas.DrawRect(Wall, 0, 0, Width, Height, fill: true);
        canvas.DrawRect(Table, 0, 380, Width, 120, fill: true);
        canvas.DrawRect(Glass, 320, 140, 160, 240, fill: true);
        canvas.DrawRect(Water, 330, 220, 140, 150, fill: true);
    });

    private static byte[] Draw(Action<MutableImage> paint)
    {
        using var sky = Image.Black(Width, Height, bands: 3).NewFromImage(Sky).Cast(Enums.BandFormat.Uchar);
        using var painted = sky.Mutate(paint);
        return painted.PngsaveBuffer();
    }
}
