using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Tests.Differential;

/// <summary>Seeded random local edits through the C# API, on every shared type.</summary>
public sealed class RandomEditor(Random random)
{
    private static readonly string[] Chars = ["a", "b", "c", " ", "\n", "é", "😀", "中"];

    private string RandomString()
    {
        int n = 1 + random.Next(5);
        return string.Concat(Enumerable.Range(0, n).Select(_ => Chars[random.Next(Chars.Length)]));
    }

    private object? RandomValue(int depth = 0) => random.Next(depth > 0 ? 6 : 8) switch
    {
        0 => (double)(random.Next(2000) - 1000),
        1 => new[] { 0.5, -2.25, 1e21, 3.14159 }[random.Next(4)],
        2 => RandomString(),
        3 => random.Next(2) == 0,
        4 => null,
        5 => new byte[] { (byte)random.Next(256) },
        6 => new List<object?> { RandomValue(depth + 1), RandomValue(depth + 1) },
        _ => new Dictionary<string, object?> { ["k"] = RandomValue(depth + 1) },
    };

    private Dictionary<string, object?> RandomAttributes()
    {
        var attributes = new Dictionary<string, object?>();
        int n = random.Next(3);
        for (int i = 0; i < n; i++)
        {
            switch (random.Next(3))
            {
                case 0: attributes["bold"] = random.Next(2) == 0 ? true : null; break;
                case 1: attributes["italic"] = random.Next(2) == 0 ? true : null; break;
                default: attributes["link"] = new Dictionary<string, object?> { ["href"] = "https://e.org/" + random.Next(3) }; break;
            }
        }
        return attributes;
    }

    private static List<YType> CollectTypes(YDoc doc)
    {
        var found = new List<YType>();
        void Visit(YType type)
        {
            found.Add(type);
            IEnumerable<object?> children = type switch
            {
                YMap map => map.Entries.Select(e => e.Value),
                YArray array => array.ToList(),
                YXmlFragment fragment => fragment.Children,
                YText text => text.ToDelta().Select(d => d.Insert),
                _ => [],
            };
            foreach (var child in children.OfType<YType>()) Visit(child);
        }
        Visit(doc.GetText("text"));
        Visit(doc.GetArray("array"));
        Visit(doc.GetMap("map"));
        Visit(doc.GetXmlFragment("xml"));
        return found;
    }

    public void Edit(YDoc doc)
    {
        var types = CollectTypes(doc);
        var type = random.Next(10) < 6 ? types[random.Next(4)] : types[random.Next(types.Count)];
        switch (type)
        {
            case YText text: EditText(text); break;
            case YArray array: EditArray(array); break;
            case YMap map: EditMap(map); break;
            case YXmlFragment xml: EditXml(xml); break;
        }
    }

    private void EditText(YText text)
    {
        int length = text.Length;
        int op = random.Next(10);
        if (op < 4 || length == 0)
        {
            int index = random.Next(length + 1);
            if (random.Next(3) == 0) text.Insert(index, RandomString(), RandomAttributes());
            else text.Insert(index, RandomString());
        }
        else if (op < 7)
        {
            int index = random.Next(length);
            text.Delete(index, 1 + random.Next(Math.Min(4, length - index)));
        }
        else if (op < 9)
        {
            int index = random.Next(length);
            text.Format(index, 1 + random.Next(Math.Min(5, length - index)), RandomAttributes());
        }
        else
        {
            text.InsertEmbed(random.Next(length + 1), new Dictionary<string, object?> { ["image"] = "i" + random.Next(9) });
        }
    }

    private YType NewNested() => random.Next(3) switch
    {
        0 => new YMap(),
        1 => new YArray(),
        _ => new YText(),
    };

    private void EditArray(YArray array)
    {
        int length = array.Length;
        if (random.Next(10) < 6 || length == 0)
        {
            var values = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(7) == 0 ? NewNested() : RandomValue()).ToArray();
            array.Insert(random.Next(length + 1), values);
        }
        else
        {
            int index = random.Next(length);
            array.Delete(index, 1 + random.Next(Math.Min(3, length - index)));
        }
    }

    private void EditMap(YMap map)
    {
        string key = ((char)('a' + random.Next(5))).ToString();
        if (random.Next(4) == 0) map.Delete(key);
        else map.Set(key, random.Next(7) == 0 ? NewNested() : RandomValue());
    }

    private void EditXml(YXmlFragment xml)
    {
        var children = xml.Children;
        int op = random.Next(10);
        if (op < 3 || children.Count == 0)
        {
            if (random.Next(2) == 0)
            {
                var element = new YXmlElement(random.Next(2) == 0 ? "paragraph" : "heading");
                xml.Insert(random.Next(children.Count + 1), element);
                element.Insert(0, new YXmlText());
                element.SetAttribute("level", (1 + random.Next(3)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                xml.Insert(random.Next(children.Count + 1), new YXmlText());
            }
        }
        else if (op < 4)
        {
            xml.Delete(random.Next(children.Count));
        }
        else if (op < 6 && xml is YXmlElement element)
        {
            if (random.Next(3) == 0) element.RemoveAttribute("align");
            else element.SetAttribute(random.Next(2) == 0 ? "level" : "align", random.Next(2) == 0 ? "left" : "2");
        }
        else
        {
            var child = children[random.Next(children.Count)];
            if (child is YXmlText text) EditText(text);
            else if (child is YXmlElement nested) EditXml(nested);
        }
    }
}
