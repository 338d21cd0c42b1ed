namespace ETwinning.Collab.Benchmarks.Commands;

/// <summary>One sub-command of the benchmark tool.</summary>
internal interface IBenchmarkCommand
{
    /// <summary>Arguments, for the usage text.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    int Run(string[] args);
}
