using System.Text.Json;
using GpuThermoChain.Config;
using GpuThermoChain.Engine.Results;
using GpuThermoChain.Model;
using MathNet.Numerics.Distributions;

namespace GpuThermoChain.Engine.Running;

/// <summary>
/// A quantity the burn-in test watches: an accumulator slot and how a window's per-trajectory sum becomes its rate
/// (divided by the window's steps, or by its steps times dt for energies).
/// </summary>
public sealed record WatchedQuantity(string Name, int Slot, bool PerTime);

/// <summary>
/// The burn-in by measurement (numerics.burnInTime = auto). The burn-in grows in stages that double: stage k covers
/// [T_k / 2, T_k) with T_k = 10 * 2^k time units (stage 0 covers [0, 10)), up to numerics.burnInMaxTime. Each stage is
/// cut into two equal windows, in which the ensemble accumulates every watched quantity; the trajectories are split into
/// G equal groups (at most 64; a remainder of fewer than G trajectories is left out of the test), and per group the
/// window means give
/// <list type="bullet">
/// <item>drift: per quantity, d_g = mean over window 1 - mean over window 2;</item>
/// <item>agreement (current estimators only): per pair of estimators, their difference over the whole stage.</item>
/// </list>
/// In a stationary ensemble every such d_g has mean zero, and the G groups are independent and identically distributed
/// (disjoint trajectories of equal number, each a time average over the same windows, hence close to normal), so
/// t = mean(d) / (sd(d) / sqrt(G)) follows Student's t with G - 1 degrees of freedom, whatever the correlation between the
/// windows or between the estimators of one trajectory (the group differences carry it). The stage passes when every
/// |t| is at most the two-sided quantile at <see cref="FalseAlarmRate"/> / (number of statistics): by the union bound a
/// stationary ensemble fails a stage with probability at most <see cref="FalseAlarmRate"/>. A false alarm costs one more
/// doubling, never a wrong result; a stationary ensemble is declared unsteady only if every stage up to the cap fails.
/// The burn-in is the end of the first stage that passes; the measurement starts there, with the noise of those steps,
/// so the result equals a run with that burnInTime given as a number. A stage that fails at the cap ends the search
/// unsteady, with the burn-in at the cap.
/// The search's state (stage, window, the first window's group sums, the stages' figures) is saved in checkpoints
/// (<see cref="SaveState"/>), so a resumed run continues the same search.
/// </summary>
public sealed class BurnInSearch
{
    /// <summary>The first stage's length in time units; each further stage doubles the burn-in.</summary>
    public const double FirstStageTime = 10;
    /// <summary>Probability that a stationary ensemble fails one stage (all its statistics together).</summary>
    public const double FalseAlarmRate = 0.01;
    /// <summary>
    /// Trajectory groups: more groups give the t statistic more degrees of freedom (t_63 is within 7 % of the normal
    /// quantile at this false-alarm rate) and keep each group's mean an average of several trajectories at the default 256.
    /// </summary>
    public const int MaxGroups = 64;

    private readonly long[] _ends;
    private readonly IReadOnlyList<WatchedQuantity> _watched;
    private readonly bool _compareEstimators;
    private readonly double _dt;
    private readonly double _maxTime;
    private readonly int _groupSize;

    // State (what a checkpoint keeps).
    private int _stage;
    private int _window;
    private long _firstSteps;
    private double[,]? _firstSums;
    private readonly List<BurnInStage> _stages = [];

    private BurnInSearch(NumericsParameters n, int trajectories, IReadOnlyList<WatchedQuantity> watched, bool compareEstimators)
    {
        _watched = watched;
        _compareEstimators = compareEstimators;
        _dt = n.TimeStep;
        _maxTime = n.BurnInMaxTime;
        _ends = Schedule(n);
        Groups = Math.Min(MaxGroups, trajectories);
        _groupSize = trajectories / Groups;
        int rest = trajectories - Groups * _groupSize;
        GroupSizes = [.. Enumerable.Repeat(_groupSize, Groups), .. rest > 0 ? new[] { rest } : []];
        int pairs = compareEstimators ? watched.Count * (watched.Count - 1) / 2 : 0;
        Tests = watched.Count + pairs;
        // Two-sided, shared equally among the stage's statistics (Bonferroni).
        Threshold = StudentT.InvCDF(0, 1, Groups - 1, 1 - FalseAlarmRate / (2 * Tests));
    }

    /// <summary>The search for a heat-current run: drift of every estimator, and agreement of every pair.</summary>
    public static BurnInSearch ForCurrent(RunConfig c, int trajectories)
    {
        var watched = Observables.HeatCurrent.Where(o => o.ExistsFor(c)).Select(Watched).ToList();
        return new BurnInSearch(c.Numerics, trajectories, watched, compareEstimators: true);
    }

    /// <summary>The search for a frozen probe's bath: the drift of the mean force (there is one estimator).</summary>
    public static BurnInSearch ForMeanForce(RunConfig c, int trajectories) =>
        new(c.Numerics, trajectories, [Watched(Observables.MeanBathForce)], compareEstimators: false);

    private static WatchedQuantity Watched(Observable o) => new(o.Name, o.Slot, PerTime: o.Scale == ObservableScale.PerTime);

    /// <summary>
    /// Stage ends in steps: T_k = FirstStageTime 2^k, rounded to steps, at least two steps per stage (one per window), the
    /// last one at the cap (a stage shorter than two steps before the cap is joined to the one before).
    /// </summary>
    public static long[] Schedule(NumericsParameters n)
    {
        long cap = (long)Math.Round(n.BurnInMaxTime / n.TimeStep);
        var ends = new List<long>();
        long previous = 0;
        for (int k = 0; previous < cap; k++)
        {
            long end = Math.Min(cap, Math.Max(previous + 2, (long)Math.Round(FirstStageTime * Math.Pow(2, k) / n.TimeStep)));
            if (cap - end < 2) end = cap;
            ends.Add(end);
            previous = end;
        }
        return [.. ends];
    }

    public int Groups { get; }
    /// <summary>Statistics per stage (drifts and estimator pairs).</summary>
    public int Tests { get; }
    /// <summary>|t| above this fails a stage.</summary>
    public double Threshold { get; }
    /// <summary>Group sizes for <see cref="IEnsemble.ReduceRowsByGroups"/>: G equal groups, then the untested remainder if any.</summary>
    public int[] GroupSizes { get; }

    /// <summary>The search is over: the burn-in is <see cref="BurnInSteps"/>.</summary>
    public bool Decided { get; private set; }
    public bool Stationary { get; private set; }
    public long BurnInSteps { get; private set; }
    public int StageCount => _ends.Length;

    /// <summary>The window the ensemble accumulates now: steps [Start, End).</summary>
    public (long Start, long End) CurrentWindow
    {
        get
        {
            long start = _stage == 0 ? 0 : _ends[_stage - 1], end = _ends[_stage];
            long mid = start + (end - start) / 2;
            return _window == 0 ? (start, mid) : (mid, end);
        }
    }

    /// <summary>Where the search stands, for progress lines.</summary>
    public string Phase => $"burn-in (auto, stage {_stage + 1} of at most {_ends.Length})";

    /// <summary>
    /// The current window is done: <paramref name="groups"/> are the accumulator sums per group (<see cref="GroupSizes"/>)
    /// over <paramref name="steps"/> steps. At the end of a stage, tests it and either decides or moves to the next.
    /// </summary>
    public void FinishWindow(EnsembleSums[] groups, long steps)
    {
        if (Decided) throw new InvalidOperationException("the burn-in search is over");
        var sums = new double[Groups, _watched.Count];
        for (int g = 0; g < Groups; g++)
            for (int q = 0; q < _watched.Count; q++)
                sums[g, q] = groups[g].Sum[_watched[q].Slot];
        if (_window == 0)
        {
            _firstSums = sums;
            _firstSteps = steps;
            _window = 1;
            return;
        }
        var first = _firstSums!;
        double Rate(int q, double sum, long n) => sum / (_groupSize * (double)n * (_watched[q].PerTime ? _dt : 1));

        (double T, string Of) worstDrift = (0, _watched[0].Name);
        for (int q = 0; q < _watched.Count; q++)
        {
            double t = Math.Abs(T(g => Rate(q, first[g, q], _firstSteps) - Rate(q, sums[g, q], steps)));
            if (t > worstDrift.T || double.IsNaN(t)) worstDrift = (t, _watched[q].Name);
        }
        (double T, string Of) worstPair = (double.NaN, "");
        if (_compareEstimators)
        {
            worstPair = (0, "");
            long both = _firstSteps + steps;
            for (int a = 0; a < _watched.Count; a++)
                for (int b = a + 1; b < _watched.Count; b++)
                {
                    double t = Math.Abs(T(g => Rate(a, first[g, a] + sums[g, a], both) - Rate(b, first[g, b] + sums[g, b], both)));
                    if (t > worstPair.T || double.IsNaN(t) || worstPair.Of.Length == 0)
                        worstPair = (t, $"{_watched[a].Name} vs {_watched[b].Name}");
                }
        }
        // A NaN statistic fails (the comparisons are false): a blow-up is caught elsewhere, but must never pass as stationary.
        bool pairsPass = !_compareEstimators || _watched.Count < 2 || worstPair.T <= Threshold;
        bool passed = worstDrift.T <= Threshold && pairsPass;
        long stageStart = _stage == 0 ? 0 : _ends[_stage - 1];
        _stages.Add(new BurnInStage(stageStart, _ends[_stage], worstDrift.T, worstDrift.Of, worstPair.T, worstPair.Of, passed));
        _firstSums = null;
        _window = 0;
        if (passed || _stage == _ends.Length - 1)
        {
            Decided = true;
            Stationary = passed;
            BurnInSteps = _ends[_stage];
        }
        else
        {
            _stage++;
        }
    }

    /// <summary>t of the per-group values over the G groups: mean / (sd / sqrt(G)); 0 when all are 0, infinite for a constant non-zero.</summary>
    private double T(Func<int, double> perGroup)
    {
        var d = new double[Groups];
        for (int g = 0; g < Groups; g++) d[g] = perGroup(g);
        double mean = d.Average();
        double ss = d.Sum(x => (x - mean) * (x - mean));
        double se = Math.Sqrt(ss / (Groups - 1) / Groups);
        if (se > 0) return mean / se;
        return mean == 0 ? 0 : double.PositiveInfinity;
    }

    public BurnInReport Report() => new(true, BurnInSteps, BurnInSteps * _dt, Stationary, _maxTime, FalseAlarmRate, Groups, Tests,
        Threshold, _stages.ToList());

    // ---- checkpoint state ----

    /// <summary>The search's state as JSON (numbers round-trip exactly), for a checkpoint's header.</summary>
    public string SaveState() => JsonText.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("stage", _stage);
        w.WriteNumber("window", _window);
        w.WriteBoolean("decided", Decided);
        w.WriteBoolean("stationary", Stationary);
        w.WriteNumber("burnInSteps", BurnInSteps);
        w.WriteNumber("firstWindowSteps", _firstSteps);
        w.WriteStartArray("firstWindowSums");
        if (_firstSums is { } f)
            for (int g = 0; g < Groups; g++)
                for (int q = 0; q < _watched.Count; q++)
                    w.WriteNumberValue(f[g, q]);
        w.WriteEndArray();
        w.WriteStartArray("stages");
        foreach (var s in _stages)
        {
            w.WriteStartObject();
            w.WriteNumber("startStep", s.StartStep);
            w.WriteNumber("endStep", s.EndStep);
            TStatisticJson.Write(w, "driftT", s.DriftT);
            w.WriteString("driftOf", s.DriftOf);
            TStatisticJson.Write(w, "agreementT", s.AgreementT);
            w.WriteString("agreementOf", s.AgreementOf);
            w.WriteBoolean("passed", s.Passed);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Continues the search a checkpoint saved (<see cref="SaveState"/> of a search for the same run).</summary>
    public void RestoreState(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            _stage = r.GetProperty("stage").GetInt32();
            _window = r.GetProperty("window").GetInt32();
            Decided = r.GetProperty("decided").GetBoolean();
            Stationary = r.GetProperty("stationary").GetBoolean();
            BurnInSteps = r.GetProperty("burnInSteps").GetInt64();
            _firstSteps = r.GetProperty("firstWindowSteps").GetInt64();
            var f = r.GetProperty("firstWindowSums").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            if (_stage < 0 || _stage >= _ends.Length || _window is < 0 or > 1
                || f.Length != (_window == 1 ? Groups * _watched.Count : 0))
                throw new FormatException("the burn-in search state does not fit this run");
            _firstSums = null;
            if (_window == 1)
            {
                _firstSums = new double[Groups, _watched.Count];
                for (int g = 0; g < Groups; g++)
                    for (int q = 0; q < _watched.Count; q++)
                        _firstSums[g, q] = f[g * _watched.Count + q];
            }
            _stages.Clear();
            foreach (var s in r.GetProperty("stages").EnumerateArray())
                _stages.Add(new BurnInStage(s.GetProperty("startStep").GetInt64(), s.GetProperty("endStep").GetInt64(),
                    TStatisticJson.Read(s, "driftT"), s.GetProperty("driftOf").GetString() ?? "", TStatisticJson.Read(s, "agreementT"),
                    s.GetProperty("agreementOf").GetString() ?? "", s.GetProperty("passed").GetBoolean()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LongRuns.LongRunFileException($"the checkpoint's burn-in search state is unreadable ({e.Message})");
        }
    }
}
