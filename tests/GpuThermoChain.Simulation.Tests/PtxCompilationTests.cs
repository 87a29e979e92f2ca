using System.Reflection;
using GpuThermoChain.Config;
using GpuThermoChain.Kernels;
using GpuThermoChain.Model;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Runtime.Cuda;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// The CPU accelerator runs the kernels as .NET code, so it cannot tell whether ILGPU can compile them for a
/// GPU. This compiles them to PTX with no GPU present: unsupported constructs fail here, not on the cluster.
/// </summary>
public class PtxCompilationTests
{
    [Theory]
    [InlineData(nameof(EnsembleKernels.AdvanceKernel))]
    [InlineData(nameof(EnsembleKernels.ReduceKernel))]
    [InlineData(nameof(EnsembleKernels.ReduceBlocksKernel))]
    public void KernelCompilesToPtx(string name)
    {
        MethodInfo method = typeof(EnsembleKernels).GetMethod(name)!;
        if (method.IsGenericMethodDefinition)
        {
            method = method.MakeGenericMethod(typeof(EulerMaruyama), typeof(VonMisesCoupling));
        }
        string ptx = KernelPtx.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), CudaArchitecture.SM_70);
        Assert.Contains(".entry", ptx);
    }

    /// <summary>
    /// Both advance kernels, as the device compiles them (O2, <see cref="KernelPtx"/>, which gtc ptx writes): no local memory
    /// but the forwarded scalars of inline PTX (<see cref="PtxLocalMemory"/>), no out-of-line function (ILGPU inlines its
    /// float intrinsics; a .func or call would be a software routine such as a double exp), double arithmetic
    /// limited to add/mul/compare/convert (no double div, sqrt, fma-based transcendental), and the float
    /// transcendentals on the special-function units (sin/cos/ex2/lg2 .approx). The tile kernel (layout lanes) must use warp
    /// shuffles for the force sum (bfly) and the broadcasts (idx).
    /// </summary>
    [Theory]
    [InlineData("thread", ParticleScheme.EulerMaruyama)]
    [InlineData("lanes", ParticleScheme.EulerMaruyama)]
    [InlineData("thread", ParticleScheme.LeimkuhlerMatthews)]
    [InlineData("lanes", ParticleScheme.LeimkuhlerMatthews)]
    public void AdvanceKernelPtxHasNoLocalMemoryNorDoubleTranscendentals(string layout, ParticleScheme scheme)
    {
        string ptx = KernelPtx.Compile(layout, 7, 0, scheme);

        Assert.Contains(".entry", ptx);
        // The chain and accumulators stay double on the device: a math mode that demotes doubles to floats (ILGPU's
        // Fast32BitOnly) would read the host's double buffers with a float stride and shrink the coefficient block.
        Assert.Contains("ld.global.f64", ptx);
        Assert.Contains("st.global.f64", ptx);
        var block = System.Text.RegularExpressions.Regex.Match(ptx, @"\.param \.align \d+ \.b8 _c_\d+\[(\d+)\]");
        Assert.True(block.Success, "no StepCoefficients parameter found");
        Assert.Equal(System.Runtime.CompilerServices.Unsafe.SizeOf<GpuThermoChain.Model.StepCoefficients>(), int.Parse(block.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        PtxLocalMemory.AssertOnlyForwardedScalars(ptx);
        Assert.DoesNotMatch(@"(?m)^\s*(\.visible\s+)?\.func\b", ptx);
        Assert.DoesNotMatch(@"(?m)^\s*call", ptx);
        string[] allowedDouble = ["add", "sub", "mul", "neg", "abs", "mov", "ld", "st", "setp", "selp", "cvt"];
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(ptx, @"(?m)^\s*([a-z]+)[a-z0-9.]*\.f64\b"))
        {
            Assert.True(allowedDouble.Contains(m.Groups[1].Value), $"double instruction in the {layout} kernel: {m.Value.Trim()}");
        }
        foreach (string op in new[] { "sin.approx.ftz.f32", "cos.approx.ftz.f32", "ex2.approx.ftz.f32", "lg2.approx.ftz.f32", "sqrt.approx.ftz.f32" })
        {
            Assert.Contains(op, ptx);
        }
        if (layout == "lanes")
        {
            Assert.Contains("shfl.sync.bfly", ptx);
            Assert.Contains("shfl.sync.idx", ptx);
        }
    }

    /// <summary>
    /// One particle group's substep (one Philox call, four particles) as the device compiles it, alone in a
    /// kernel, counting the code reachable on a GPU (<see cref="PtxGraph"/>): straight-line code (no loop, so no transcendental is repeated per particle: a loop over
    /// xi.Get(index) once made ILGPU recompute the whole Box-Muller for every particle), each transcendental
    /// exactly as often as the step needs it (Box-Muller: 2 logs, 2 square roots, 2 sines, 2 cosines per Philox block,
    /// one block for Euler-Maruyama and two for Leimkuhler-Matthews, which draws the next substep's too; each
    /// particle: 1 exp, 1 sine, 1 cosine), one conversion per uniform and none in double, the wrap's floor
    /// without a software routine (a floor that is not float adds shows up as cvt.rmi or as integer bit masks),
    /// Philox's products as 32-bit multiplies, and no double arithmetic: the particles are float from end to end.
    /// </summary>
    [Theory]
    [InlineData(ParticleScheme.EulerMaruyama, 1)]
    [InlineData(ParticleScheme.LeimkuhlerMatthews, 2)]
    public void ParticleGroupSubstepIsStraightLineFloatCode(ParticleScheme scheme, int philoxBlocks)
    {
        var kernel = typeof(PtxCompilationTests).GetMethod(nameof(OneGroupKernel))!.MakeGenericMethod(KernelPtx.SchemeType(scheme));
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var graph = new PtxGraph(KernelPtx.Compile(entry, CudaArchitecture.SM_90).Split('\n'));
        string ptx = graph.Reachable();
        string[] lines = ptx.Split('\n');

        Assert.False(graph.HasLoop(), "the particle group substep has a loop");
        // Fast 32-bit math (KernelContext): the .ftz forms and the approximate square root, with no slow path.
        Assert.Equal(2 * philoxBlocks, Count(ptx, "lg2.approx.ftz.f32"));
        Assert.Equal(2 * philoxBlocks, Count(ptx, "sqrt.approx.ftz.f32"));
        Assert.Equal(0, Count(ptx, "sqrt.rn"));
        // The four moves are written twice, once as a whole group's straight-line path and once guarded for a partial
        // last group (TimeStep.ParticleGroupSubstep); the normals are computed once, before the choice.
        const int MovesWritten = 2 * 4;
        Assert.Equal(MovesWritten, Count(ptx, "ex2.approx.ftz.f32"));
        Assert.Equal(2 * philoxBlocks + MovesWritten, Count(ptx, "sin.approx.ftz.f32"));
        Assert.Equal(2 * philoxBlocks + MovesWritten, Count(ptx, "cos.approx.ftz.f32"));
        Assert.Equal(4 * philoxBlocks, Count(ptx, "cvt.rn.f32.s64"));
        Assert.Equal(0, Count(ptx, "cvt.rmi"));
        Assert.Equal(0, Count(ptx, "2139095040")); // 0x7F800000, the exponent mask of a software floor
        Assert.True(Count(ptx, "0f4B000000") >= 2 * MovesWritten, "the floor's rounding shift 2^23 was folded away");
        // Philox's products as 32 x 32 -> 64-bit multiplies (two a round, ten rounds a block), no 64-bit multiply.
        Assert.Equal(20 * philoxBlocks, Count(ptx, "mul.wide.u32 product,"));
        Assert.Equal(0, Count(ptx, "mul.lo.s64") + Count(ptx, "mul.lo.u64"));
        // The floor without conversions (an earlier form truncated through an int, two conversions per particle).
        Assert.Equal(0, Count(ptx, "cvt.rzi"));
        // Loading the coefficient block's double fields is free (ptxas drops the unused ones); nothing computes in double.
        Assert.DoesNotContain(lines.Select(l => l.Trim()), l => l.Contains(".f64") && !l.StartsWith("ld.param", StringComparison.Ordinal) && !l.StartsWith(".reg", StringComparison.Ordinal));
    }

    /// <summary>The kernel of <see cref="ParticleGroupSubstepIsStraightLineFloatCode"/>: group 0 of trajectory t.</summary>
#pragma warning disable xUnit1013 // a kernel, not a test
    public static void OneGroupKernel<TScheme>(Index1D t, StepCoefficients c, EnsembleViews views, float driftScale)
        where TScheme : struct, IParticleScheme
    {
        var state = new DeviceTrajectoryState(views, t);
        float forceSum = TimeStep.ParticleGroupSubstep<DeviceTrajectoryState, TScheme, VonMisesCoupling>(ref state, c, (uint)t.X, 7u, 0u, 0, driftScale, 0f);
        views.X[t] = forceSum;
    }
#pragma warning restore xUnit1013

    private static int Count(string text, string what)
        => System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(what)).Count;

    /// <summary>
    /// The PTX's control-flow graph: blocks start at labels; a block's successors are its branch targets (bra, and the
    /// .branchtargets of brx.idx) and, unless it ends in an unconditional bra or ret, the next block. A branch on a
    /// predicate set to a constant (mov.pred %p, 0 or 1: ILGPU folds Accelerator.CurrentType this way and leaves
    /// the dead branch for ptxas to drop) is taken or not as that constant says. Text order says nothing: ILGPU places
    /// blocks in any order.
    /// </summary>
    private sealed class PtxGraph
    {
        public readonly List<List<string>> Blocks = [[]];
        public readonly List<int>[] Edges;

        public PtxGraph(string[] lines)
        {
            var blockOf = new Dictionary<string, int>();
            var targets = new List<HashSet<string>> { new() };
            var fallsThrough = new List<bool> { true };
            var constant = new Dictionary<string, bool>();
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                var label = System.Text.RegularExpressions.Regex.Match(line, @"^([A-Za-z_$][\w$]*):");
                if (label.Success)
                {
                    blockOf[label.Groups[1].Value] = Blocks.Count;
                    Blocks.Add([]);
                    targets.Add([]);
                    fallsThrough.Add(true);
                    continue;
                }
                int current = Blocks.Count - 1;
                Blocks[current].Add(line);
                var mov = System.Text.RegularExpressions.Regex.Match(line, @"^mov\.pred\s+(%\w+),\s*([01]);");
                if (mov.Success)
                {
                    constant[mov.Groups[1].Value] = mov.Groups[2].Value == "1";
                    continue;
                }
                var branch = System.Text.RegularExpressions.Regex.Match(line, @"^(?:@(!?)(%\w+)\s+)?bra(?:\.uni)?\s+([A-Za-z_$][\w$]*)");
                if (branch.Success)
                {
                    bool predicated = branch.Groups[2].Success;
                    bool? always = null;
                    if (predicated && constant.TryGetValue(branch.Groups[2].Value, out bool value))
                        always = value ^ (branch.Groups[1].Value == "!");
                    if (always != false)
                        targets[current].Add(branch.Groups[3].Value);
                    if (!predicated || always == true)
                        fallsThrough[current] = false;
                }
                else if (line.StartsWith(".branchtargets", StringComparison.Ordinal))
                {
                    foreach (string target in line[".branchtargets".Length..].TrimEnd(';').Split(',', StringSplitOptions.TrimEntries))
                        targets[current].Add(target);
                }
                else if (line is "ret;" or "exit;")
                {
                    fallsThrough[current] = false;
                }
            }
            Edges = new List<int>[Blocks.Count];
            for (int b = 0; b < Blocks.Count; b++)
            {
                Edges[b] = targets[b].Where(blockOf.ContainsKey).Select(t => blockOf[t]).ToList();
                if (fallsThrough[b] && b + 1 < Blocks.Count)
                    Edges[b].Add(b + 1);
            }
        }

        /// <summary>The instructions of the blocks reachable from the entry.</summary>
        public string Reachable()
        {
            var seen = new bool[Blocks.Count];
            var stack = new Stack<int>([0]);
            while (stack.Count > 0)
            {
                int b = stack.Pop();
                if (seen[b]) continue;
                seen[b] = true;
                foreach (int n in Edges[b]) stack.Push(n);
            }
            return string.Join("\n", Enumerable.Range(0, Blocks.Count).Where(b => seen[b]).SelectMany(b => Blocks[b]));
        }

        /// <summary>Whether a cycle (a loop) is reachable from the entry.</summary>
        public bool HasLoop()
        {
            var state = new int[Blocks.Count]; // 0 unseen, 1 on the DFS stack, 2 done
            bool Visit(int b)
            {
                state[b] = 1;
                foreach (int n in Edges[b])
                {
                    if (state[n] == 1 || (state[n] == 0 && Visit(n)))
                        return true;
                }
                state[b] = 2;
                return false;
            }
            return Visit(0);
        }
    }
}
