using GpuThermoChain.Simd;
using GpuThermoChain.Model;

namespace GpuThermoChain.Simulation.Tests;

/// <summary>
/// Maximum errors of <see cref="PolynomialLaneMath{TW, TF, TI, TD}"/> against double precision over the ranges the step feeds it
/// (the bounds its documentation states), and the exactness of the vectorised Philox and uniforms.
/// </summary>
public class LaneMathAccuracyTests
{
    private const int Samples = 1 << 20;

    /// <summary>Every vector width the engine has; the ones this CPU lacks run in .NET's software fallback, same results.</summary>
    public static TheoryData<SimdWidth> Widths => new(SimdWidths.All);

    [Theory]
    [MemberData(nameof(Widths))]
    public void ExpIsWithin2UlpOnTheForceRange(SimdWidth width) => WidthCheck.Run(width, new ExpCheck());

    /// <summary>
    /// The exponential without its guards, which the engine runs when the coupling keeps every argument in range, is the
    /// guarded one bit for bit over the whole range (2^20 points from the lowest to the highest argument, both included).
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void ExpWithinRangeIsExpBitForBitInsideTheRange(SimdWidth width) => WidthCheck.Run(width, new ExpWithinRangeCheck());

    /// <summary>The unguarded exponential is chosen for the paper's rho = 2, and not where 2 rho nears the range's end.</summary>
    [Fact]
    public void TheUnguardedExpIsChosenOnlyWhereTheCouplingStaysInRange()
    {
        static bool Covers(float rho) => PolynomialLaneMathWithinRange<Simd256, System.Runtime.Intrinsics.Vector256<float>,
            System.Runtime.Intrinsics.Vector256<int>, System.Runtime.Intrinsics.Vector256<double>>.Covers<VonMisesCoupling>(
            new StepCoefficients { Localisation = rho });
        Assert.True(Covers(2f));
        Assert.True(Covers(39f));
        Assert.False(Covers(40f));
        Assert.False(Covers(50f));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LogIsWithin2UlpOnTheUniforms(SimdWidth width) => WidthCheck.Run(width, new LogCheck());

    [Theory]
    [MemberData(nameof(Widths))]
    public void SinCosAreWithin2UlpOfOneOnTheCircle(SimdWidth width) => WidthCheck.Run(width, new SinCosCheck());

    [Theory]
    [MemberData(nameof(Widths))]
    public void PhiloxWordsAndUniformsAreBitIdenticalToTheScalarGenerator(SimdWidth width) => WidthCheck.Run(width, new PhiloxCheck());

    private readonly struct ExpCheck : IWidthCheck
    {
        public void Run<TW, TF, TI, TD>()
            where TW : struct, ISimdWidth<TF, TI, TD>
            where TF : struct
            where TI : struct
            where TD : struct
        {
            // rho (cos theta - 1) lies in [-2 rho, 0], rho <= 50; the result is a normal float above -87.33.
            double worst = MaxError<TW, TF, TI, TD>(-87.3f, 0f, PolynomialLaneMath<TW, TF, TI, TD>.Exp, Math.Exp, relative: true);
            Assert.True(worst <= 2.4e-7, $"exp relative error {worst:E3}");
            Assert.Equal(0f, TW.Element(PolynomialLaneMath<TW, TF, TI, TD>.Exp(TW.Float(-100f)), 0));
        }
    }

    private readonly struct ExpWithinRangeCheck : IWidthCheck
    {
        public void Run<TW, TF, TI, TD>()
            where TW : struct, ISimdWidth<TF, TI, TD>
            where TF : struct
            where TI : struct
            where TD : struct
        {
            float from = PolynomialLaneMath<TW, TF, TI, TD>.ExpLowest, to = PolynomialLaneMath<TW, TF, TI, TD>.ExpHighest;
            Span<float> inputs = stackalloc float[TW.Lanes];
            for (int i = 0; i < Samples; i += TW.Lanes)
            {
                for (int lane = 0; lane < TW.Lanes; lane++)
                {
                    int k = i + lane;
                    inputs[lane] = k == Samples - 1 ? to : from + (to - from) * (k / (float)(Samples - 1));
                }
                var x = TW.Create(inputs);
                var guarded = PolynomialLaneMath<TW, TF, TI, TD>.Exp(x);
                var unguarded = PolynomialLaneMath<TW, TF, TI, TD>.ExpWithinRange(x);
                for (int lane = 0; lane < TW.Lanes; lane++)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(TW.Element(guarded, lane)) == BitConverter.SingleToInt32Bits(TW.Element(unguarded, lane)),
                        $"exp({inputs[lane]:R}): guarded {TW.Element(guarded, lane):R}, unguarded {TW.Element(unguarded, lane):R}");
                }
            }
        }
    }

    private readonly struct LogCheck : IWidthCheck
    {
        public void Run<TW, TF, TI, TD>()
            where TW : struct, ISimdWidth<TF, TI, TD>
            where TF : struct
            where TI : struct
            where TD : struct
        {
            double worst = MaxError<TW, TF, TI, TD>(1.1e-10f, 1f, PolynomialLaneMath<TW, TF, TI, TD>.Log, Math.Log, relative: false, scaleFloor: 1.0);
            Assert.True(worst <= 2.4e-7, $"log error {worst:E3} (absolute below |log| = 1, relative above)");
            Assert.Equal(0f, TW.Element(PolynomialLaneMath<TW, TF, TI, TD>.Log(TW.Float(1f)), 0));
        }
    }

    private readonly struct SinCosCheck : IWidthCheck
    {
        public void Run<TW, TF, TI, TD>()
            where TW : struct, ISimdWidth<TF, TI, TD>
            where TF : struct
            where TI : struct
            where TD : struct
        {
            double worstSin = MaxError<TW, TF, TI, TD>(0f, 6.2831855f, v => PolynomialLaneMath<TW, TF, TI, TD>.SinCos(v).Sin, Math.Sin, relative: false);
            double worstCos = MaxError<TW, TF, TI, TD>(0f, 6.2831855f, v => PolynomialLaneMath<TW, TF, TI, TD>.SinCos(v).Cos, Math.Cos, relative: false);
            Assert.True(worstSin <= 2.4e-7, $"sin absolute error {worstSin:E3}");
            Assert.True(worstCos <= 2.4e-7, $"cos absolute error {worstCos:E3}");
        }
    }

    private readonly struct PhiloxCheck : IWidthCheck
    {
        public void Run<TW, TF, TI, TD>()
            where TW : struct, ISimdWidth<TF, TI, TD>
            where TF : struct
            where TI : struct
            where TD : struct
        {
            var random = new Random(11);
            for (int trial = 0; trial < 2000; trial++)
            {
                uint baseId = (uint)random.NextInt64(0, 1L << 32);
                uint step = (uint)random.NextInt64(0, 1L << 32);
                uint word2 = (uint)random.NextInt64(0, 1L << 32);
                uint group = (uint)random.Next(0, 64);
                uint k0 = (uint)random.NextInt64(0, 1L << 32);
                uint k1 = (uint)random.NextInt64(0, 1L << 32);
                var ids = TW.Add(TW.Int((int)baseId), TW.Indices);
                var lanes = PhiloxLanes<TW, TF, TI, TD>.Generate(ids, step, word2, group, k0, k1);
                var exact = PhiloxLanes<TW, TF, TI, TD>.BoxMuller<ScalarLaneMath<TW, TF, TI, TD>>(lanes);
                var uniform = PhiloxLanes<TW, TF, TI, TD>.Uniform(lanes.W1);
                for (int lane = 0; lane < TW.Lanes; lane++)
                {
                    var block = Philox4x32x10.Generate(baseId + (uint)lane, step, word2, group, k0, k1);
                    Assert.Equal([block.X0, block.X1, block.X2, block.X3], [Word(lanes.W0, lane), Word(lanes.W1, lane), Word(lanes.W2, lane), Word(lanes.W3, lane)]);
                    Assert.Equal(Philox4x32x10.Uniform(block.X1), TW.Element(uniform, lane));
                    var normals = Philox4x32x10.BoxMuller(block);
                    Assert.Equal([normals.Z0, normals.Z1, normals.Z2, normals.Z3],
                        [TW.Element(exact.W0, lane), TW.Element(exact.W1, lane), TW.Element(exact.W2, lane), TW.Element(exact.W3, lane)]);
                }
            }
            foreach (uint word in new[] { 0u, 1u, 0x00FFFFFFu, 0x01000000u, 0x7FFFFFFFu, 0xFFFFFF7Fu, 0xFFFFFF80u, uint.MaxValue })
            {
                Assert.Equal(Philox4x32x10.Uniform(word), TW.Element(PhiloxLanes<TW, TF, TI, TD>.Uniform(TW.Int((int)word)), 0));
            }

            static uint Word(TI words, int lane) => BitConverter.SingleToUInt32Bits(TW.Element(TW.AsFloat(words), lane));
        }
    }

    /// <summary>
    /// Largest error over an even grid of <see cref="Samples"/> floats in [from, to]: relative, or absolute
    /// divided by max(|exact|, <paramref name="scaleFloor"/>) (absolute where the function is small).
    /// </summary>
    private static double MaxError<TW, TF, TI, TD>(float from, float to, Func<TF, TF> approximate, Func<double, double> exact,
        bool relative, double scaleFloor = 1.0)
        where TW : struct, ISimdWidth<TF, TI, TD>
        where TF : struct
        where TI : struct
        where TD : struct
    {
        double worst = 0;
        Span<float> inputs = stackalloc float[TW.Lanes];
        for (int i = 0; i < Samples; i += TW.Lanes)
        {
            for (int lane = 0; lane < TW.Lanes; lane++)
            {
                inputs[lane] = from + (to - from) * ((i + lane) / (float)(Samples - 1));
            }
            var result = approximate(TW.Create(inputs));
            for (int lane = 0; lane < TW.Lanes; lane++)
            {
                double truth = exact(inputs[lane]);
                double scale = relative ? Math.Abs(truth) : Math.Max(Math.Abs(truth), scaleFloor);
                worst = Math.Max(worst, Math.Abs(TW.Element(result, lane) - truth) / scale);
            }
        }
        return worst;
    }
}
