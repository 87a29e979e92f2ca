using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine;
using GpuThermoChain.Theory;

namespace GpuThermoChain.Cli;

/// <summary><c>gtc theory</c>: the analytic verifier's numbers for one config, or along a scan.</summary>
public static class TheoryCommand
{
    public static Command Create(CliIO io)
    {
        var config = new ConfigOptions();
        var json = new Option<bool>("--json") { Description = "print one JSON object on stdout instead of a table" };
        var scan = new Option<string?>("--scan") { Description = "scan one parameter: name=FROM:TO:COUNT[:log]" };
        var csv = new Option<string?>("--csv") { Description = "with --scan: write the scan to this CSV file" };
        var cmd = new Command("theory", "Exact theory (docs/model.md, \"Effective Markov chain\" and \"Memory-kernel theory\") for a configuration: gamma_L, k_eff, and the " +
                                        "closed-form, Markov-chain, memory-kernel and weak-coupling currents.");
        config.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.Options.Add(scan);
        cmd.Options.Add(csv);
        cmd.SetAction(r =>
        {
            string? scanText = r.GetValue(scan);
            string? csvPath = r.GetValue(csv);
            if (csvPath is not null && scanText is null)
                throw new ConfigException("--csv", "only makes sense with --scan");
            if (scanText is null)
            {
                var resolved = config.Load(r, checkNumerics: false);
                TheoryReachCheck.Check(resolved.Run);
                var report = Verifier.Evaluate(TheoryInputs.From(resolved.Run), new TheoryWork(default, new ProgressPrinter(io.Err, false).Theory));
                io.Out.Write(r.GetValue(json) ? TheoryOutput.Json(report, resolved) : TheoryOutput.Table(report, resolved));
                return ExitCodes.Success;
            }
            var spec = ScanSpec.Parse(scanText);
            if (csvPath is not null)
                csvPath = OutputFolder.CheckFile(csvPath, "--csv");
            var result = TheoryScan.Run(spec, extra => config.Load(r, checkNumerics: false, extra), io.Err.WriteLine);
            OutputFileException? failed = null;
            if (csvPath is not null)
            {
                try
                {
                    AtomicFile.WriteAllText(csvPath, TheoryScanOutput.Csv(result));
                    io.Err.WriteLine($"wrote {result.Rows.Count} rows to {csvPath}");
                }
                catch (OutputFileException e)
                {
                    failed = e;
                }
            }
            if (r.GetValue(json))
                io.Out.Write(TheoryScanOutput.Json(result));
            else
                io.Out.Write(csvPath is null || failed is not null ? TheoryScanOutput.Table(result) : TheoryScanOutput.Maxima(result));
            if (failed is null) return ExitCodes.Success;
            // The scan is computed: it is printed in full above, and the write failure is reported in one line.
            FailureReport.Write(io.Err, failed.Message + "; the scan is printed on stdout", failed, r.GetValue<bool>(GtcCli.VerboseName),
                internalFault: false, r.Tokens.Select(t => t.Value).Prepend("theory").ToList());
            return ExitCodes.Failure;
        });
        return cmd;
    }
}
