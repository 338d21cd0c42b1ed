using System.Security.Cryptography;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// Passwords a seven-year-old can type from a printed card: two short words and two digits
/// ("maple-otter-42"). 128 x 128 x 90 ~ 1.5 M combinations; lockout and login rate limits make that enough,
/// and a teacher can reset a password at any time.
/// </summary>
public static class ReadableSecrets
{
    private static readonly string[] Words =
    [
        "apple", "arrow", "badge", "beach", "berry", "bird", "boat", "brick", "brush", "cake", "camel", "candle",
        "cloud", "clover", "comet", "coral", "crab", "crown", "daisy", "dance", "dolphin", "dragon", "drum", "eagle",
        "earth", "feather", "fern", "flag", "flute", "forest", "fox", "frog", "garden", "ghost", "giant", "grape",
        "guitar", "harbor", "hazel", "hill", "honey", "island", "jelly", "jungle", "kite", "koala", "lake", "lemon",
        "letter", "lion", "lotus", "magic", "mango", "maple", "meadow", "melon", "meteor", "mint", "moon", "moose",
        "mountain", "music", "nest", "noodle", "ocean", "olive", "orbit", "otter", "owl", "panda", "paper", "parrot",
        "peach", "pearl", "pepper", "piano", "pilot", "planet", "plum", "pony", "puzzle", "quill", "rabbit", "rain",
        "river", "robin", "rocket", "rose", "sail", "salmon", "sand", "seal", "shell", "silver", "sky", "snow",
        "spark", "star", "stone", "storm", "sugar", "sun", "swan", "tiger", "toast", "tomato", "tower", "train",
        "tulip", "turtle", "valley", "violin", "wave", "whale", "willow", "wind", "wolf", "yarn", "zebra", "acorn",
        "amber", "bamboo", "basil", "bison", "cactus", "cedar", "cherry", "cocoa",
    ];

    public static string Password() =>
        $"{Pick()}-{Pick()}-{RandomNumberGenerator.GetInt32(10, 100)}";

    private static string Pick() => Words[RandomNumberGenerator.GetInt32(Words.Length)];
}
