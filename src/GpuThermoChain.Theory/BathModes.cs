namespace GpuThermoChain.Theory;

/// <summary>One Fourier mode n of the free bath force fluctuation (docs/model.md, "Effective Markov chain"): amplitude c_n and decay time tau_n.</summary>
public readonly record struct BathMode(int N, double C, double Tau);

/// <summary>
/// The particle bath's force statistics at order eps^2 (docs/model.md, "Effective Markov chain"). Everything is built from the ratios
/// I_n(rho)/I_0(rho), obtained by a backward continued fraction, so nothing overflows for large rho
/// (I_0(50) ~ 3e20 would, squared, still fit, but I_0(2 rho) at rho = 400 would not).
/// </summary>
public static class BathModes
{
    /// <summary>Relative size below which a mode is dropped (c_n relative to sum c_n, which bounds c_n tau_n too).</summary>
    public const double TruncationTolerance = 1e-17;

    /// <summary>
    /// I_n(x)/I_0(x) for n = 0..nMax. The ratios h_n = I_n/I_{n-1} satisfy h_n = 1/(2n/x + h_{n+1}) (backward recurrence,
    /// Miller's algorithm in continued-fraction form): it is stable and started far enough above nMax to be exact in double.
    /// </summary>
    public static double[] BesselRatios(double x, int nMax)
    {
        if (x < 0) throw new ArgumentOutOfRangeException(nameof(x), "rho must be >= 0.");
        var r = new double[nMax + 1];
        r[0] = 1.0;
        if (x == 0) return r;
        int start = nMax + 60 + (int)Math.Ceiling(2 * x);
        var h = new double[start + 2];
        for (int n = start; n >= 1; n--) h[n] = 1.0 / (2.0 * n / x + h[n + 1]);
        for (int n = 1; n <= nMax; n++) r[n] = r[n - 1] * h[n];
        return r;
    }

    /// <summary>
    /// Var(F) = A^2 (I0(2 rho)/I0(rho)^2 - 1) (docs/model.md, "Effective Markov chain"), evaluated as 2 A^2 sum_{n>=1} (I_n/I_0)^2
    /// (Neumann's identity sum_n I_n^2 = I_0(2 rho)), which neither overflows nor cancels at small rho.
    /// </summary>
    public static double VarianceF(double amplitude, double rho)
    {
        var r = SignificantRatios(rho);
        double s = 0;
        for (int n = r.Length - 1; n >= 1; n--) s += r[n] * r[n];
        return 2 * amplitude * amplitude * s;
    }

    /// <summary>
    /// The modes n = 1..nmax: c_n = 2 N_b eps^2 A^2 (I_n/I_0)^2, tau_n = zeta L^2 / (4 pi^2 n^2 T_L) (docs/model.md, "Effective Markov chain"),
    /// truncated where c_n falls below <see cref="TruncationTolerance"/> of sum c_n.
    /// </summary>
    public static IReadOnlyList<BathMode> Modes(TheoryParameters p)
    {
        var r = SignificantRatios(p.Localisation);
        var modes = new BathMode[r.Length - 1];
        double pre = 2 * p.BathParticles * p.CouplingStrength * p.CouplingStrength * p.Amplitude * p.Amplitude;
        double tau1 = SlowestBathTime(p);
        for (int n = 1; n < r.Length; n++)
            modes[n - 1] = new BathMode(n, pre * r[n] * r[n], tau1 / ((double)n * n));
        return modes;
    }

    /// <summary>tau_1 = zeta L^2 / (4 pi^2 T_L), the slowest bath memory time (docs/model.md, "Effective Markov chain" and "Memory-kernel theory").</summary>
    public static double SlowestBathTime(TheoryParameters p) =>
        p.ParticleFriction * p.RingLength * p.RingLength / (4 * Math.PI * Math.PI * p.BathTemperature);

    /// <summary>gamma_L = sum_n c_n tau_n / T_L, the Markov-limit friction on site 1 (docs/model.md, "Effective Markov chain").</summary>
    public static double GammaL(TheoryParameters p)
    {
        var modes = Modes(p);
        double s = 0;
        for (int i = modes.Count - 1; i >= 0; i--) s += modes[i].C * modes[i].Tau;
        return s / p.BathTemperature;
    }

    /// <summary>k_eff = K - N_b eps^2 Var(F) / T_L (docs/model.md, "Effective Markov chain"; the sign is minus). May be &lt;= 0: the caller decides.</summary>
    public static double KEff(TheoryParameters p) =>
        p.PinningConstant - p.BathParticles * p.CouplingStrength * p.CouplingStrength * VarianceF(p.Amplitude, p.Localisation) / p.BathTemperature;

    /// <summary>Ratios I_n/I_0 for n = 0..nmax, cut where (I_n/I_0)^2 is negligible against the sum of the earlier ones.</summary>
    private static double[] SignificantRatios(double rho)
    {
        int nTop = 40 + (int)Math.Ceiling(2 * Math.Sqrt(50 * (rho + 1)));
        var r = BesselRatios(rho, nTop);
        double sum = 0;
        int last = 0;
        for (int n = 1; n <= nTop; n++)
        {
            double t = r[n] * r[n];
            if (n > 1 && t < TruncationTolerance * sum) break;
            sum += t;
            last = n;
        }
        return r[..(last + 1)];
    }
}
