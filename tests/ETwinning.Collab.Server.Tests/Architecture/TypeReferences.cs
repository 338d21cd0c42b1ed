using System.Reflection;
using System.Reflection.Emit;

namespace ETwinning.Collab.Server.Tests.Architecture;

/// <summary>
/// Every type a type refers to: in its signatures (base type, interfaces, fields, properties, method parameters and
/// results), in attributes on it and its members, and in the IL of its method bodies (calls, fields, casts,
/// allocations), so a reference that hides inside a method body is found too.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var implemented in type.GetInterfaces()) yield return implemented;
        foreach (var attribute in type.GetCustomAttributesData()) yield return attribute.AttributeType;
        foreach (var member in type.GetMembers(Declared))
        {
            foreach (var attribute in member.GetCustomAttributesData()) yield return attribute.AttributeType;
            switch (member)
            {
                case FieldInfo field: yield return field.FieldType; break;
                case PropertyInfo property: yield return property.PropertyType; break;
                case MethodBase method:
                    foreach (var parameter in method.GetParameters()) yield return parameter.ParameterType;
                    if (method is MethodInfo info) yield return info.ReturnType;
                    foreach (var used in InBody(method)) yield return used;
                    break;
            }
        }
    }

    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = (short)(0xFE00 | il[position++]);
            if (!OpCodesByValue.TryGetValue(value, out var code)) yield break;
            var operandSize = OperandSize(code.OperandType, il, position);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, position);
                if (Resolve(method, token) is { } resolved) yield return resolved;
            }
            position += operandSize;
        }
    }

    private static Type? Resolve(MethodBase method, int token)
    {
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        try
        {
            return method.Module.ResolveMember(token, typeArguments, methodArguments) switch
            {
                Type type => type,
                MemberInfo member => member.DeclaringType,
                _ => null,
            };
        }
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
