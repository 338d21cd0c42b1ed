using System.Reflection;
using System.Reflection.Emit;

namespace ETwinning.Collab.Server.Tests.Localization;

/// <summary>The instructions of a method body in order, with the member or string their operand names, if any.</summary>
internal static class IlInstructions
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    public const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every method and constructor with a body in <paramref name="assembly"/>, compiler-made ones (lambdas, async state machines) included.</summary>
    public static IEnumerable<MethodBase> MethodsOf(Assembly assembly) =>
        assembly.GetTypes().SelectMany(type => type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            .Where(method => method.GetMethodBody() is not null);

    public static IEnumerable<(OpCode Code, object? Operand)> Of(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = (short)(0xFE00 | il[position++]);
            if (!OpCodesByValue.TryGetValue(value, out var code)) yield break;
            var size = OperandSize(code.OperandType, il, position);
            object? operand = code.OperandType switch
            {
                OperandType.InlineString => method.Module.ResolveString(BitConverter.ToInt32(il, position)),
                OperandType.InlineMethod => Resolve(method, BitConverter.ToInt32(il, position)),
                _ => null,
            };
            position += size;
            yield return (code, operand);
        }
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        try { return method.Module.ResolveMethod(token, typeArguments, methodArguments); }
        catch (ArgumentException) { return null; }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
        _ => 4,
    };
}
