Console.Error.WriteLine("usage: trace <file.json.gz> | merge <file>");
return 2;
