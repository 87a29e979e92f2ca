using System.Globalization;
using System.Text.Json;
using GpuThermoChain.Config;

namespace GpuThermoChain.Engine.GaussianLimit;

/// <summary>
/// DIR/converge.json, the result of <c>gtc converge</c>: every point, both fits and the test between them, J_inf against
/// the memory-kernel theory, the truncation at the configured N_b, and how it was made (command, device, version, the
/// configuration). <see cref="TruncationStudy"/> reads it back.
/// </summary>
public static class GaussianLimitJson
{
    public const string FileName = "converge.json";
    public const string Kind = "gaussianLimitStudy";

    public static string Write(GaussianLimitResult r, string command, string device, double wallSeconds) => JsonText.Write(w =>
    {
        var plan = r.Plan;
        w.WriteStartObject();
        w.WriteString("kind", Kind);
        w.WriteString("what", "J(N_b) at fixed N_b eps^2, fitted to J_inf + c/N_b (+ d/N_b^2) and extrapolated to the Gaussian bath " +
                              "(N_b to infinity), where the memory-kernel theory is exact; the theory's truncation at the configured N_b is J(N_b) - J_inf");
        w.WriteString("command", command);
        w.WriteString("estimator", r.Estimator);
        w.WriteStartObject("configuredBath");
        w.WriteNumber("particles", plan.ConfiguredParticles);
        w.WriteNumber("epsilon", plan.ConfiguredEpsilon);
        w.WriteNumber("particlesTimesEpsilonSquared", plan.Product);
        w.WriteEndObject();

        w.WriteStartArray("points");
        foreach (var p in r.Points)
        {
            w.WriteStartObject();
            w.WriteNumber("particles", p.Particles);
            w.WriteNumber("epsilon", p.CouplingStrength);
            w.WriteNumber("particleSubsteps", p.ParticleSubsteps);
            Num(w, "current", p.Current);
            Num(w, "stdErr", p.StdErr);
            Num(w, "zMemoryKernel", (p.Current - r.MemoryKernel) / p.StdErr);
            Num(w, "residualZ", (p.Current - r.Fit.Chosen.At(p.Particles)) / p.StdErr);
            w.WriteString("seed", p.Seed.ToString(CultureInfo.InvariantCulture));
            w.WriteString("folder", $"points/{p.Index}");
            w.WriteString("device", p.Device);
            w.WriteNumber("wallSeconds", p.WallSeconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("fits");
        WriteFit(w, "linear", r.Fit.Linear, r.MemoryKernel);
        if (r.Fit.Quadratic is { } q) WriteFit(w, "quadratic", q, r.MemoryKernel);
        else w.WriteNull("quadratic");
        w.WriteEndObject();
        w.WriteStartObject("curvatureTest");
        Num(w, "zScore", r.Fit.CurvatureZScore);
        w.WriteNumber("threshold", BathSizeFit.CurvatureZ);
        w.WriteBoolean("needed", r.Fit.CurvatureNeeded);
        w.WriteString("test", r.Fit.Quadratic is null
            ? "not tested: the 1/N_b^2 term needs four bath sizes or more"
            : $"d / stdErr(d) of the quadratic fit; the chi2 drop from adding d/N_b^2 is its square (1 degree of freedom); the term is kept when |z| > {BathSizeFit.CurvatureZ}");
        w.WriteEndObject();
        w.WriteString("chosenFit", r.Fit.CurvatureNeeded ? "quadratic" : "linear");

        w.WriteStartObject("gaussianLimit");
        Num(w, "value", r.Fit.Chosen.Limit);
        Num(w, "stdErr", r.Fit.Chosen.LimitStdErr);
        w.WriteEndObject();
        w.WriteStartObject("theory");
        w.WriteStartObject("memoryKernel");
        Num(w, "value", r.MemoryKernel);
        Num(w, "zScore", r.ZScore);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("verdict", r.Verdict);
        var (t, te) = r.Truncation;
        var (rel, rele) = r.RelativeTruncation;
        w.WriteStartObject("truncation");
        w.WriteString("definition", "J(N_b) - J_inf at the configured N_b, from the chosen fit: the order-eps^2 theory's error there, a property of the bath");
        w.WriteNumber("particles", plan.ConfiguredParticles);
        Num(w, "value", t);
        Num(w, "stdErr", te);
        Num(w, "relative", rel);
        Num(w, "relativeStdErr", rele);
        w.WriteEndObject();
        if (r.PoorFit)
            w.WriteString("warning", PoorFitText(r));

        w.WriteString("device", device);
        w.WriteNumber("wallSeconds", Math.Round(wallSeconds, 3));
        w.WriteString("version", BuildInfo.Version);
        w.WriteString("createdUtc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteString("host", Environment.MachineName);
        w.WritePropertyName("config");
        ConfigJson.WriteNested(w, plan.Base.Values);
        w.WriteEndObject();
    });

    public static string PoorFitText(GaussianLimitResult r) => string.Create(CultureInfo.InvariantCulture,
        $"the {(r.Fit.CurvatureNeeded ? "quadratic" : "linear")} form does not describe the points (chi2 = {r.Fit.Chosen.ChiSquare:F1} on {r.Fit.Chosen.Dof} " +
        $"degrees of freedom, p = {r.Fit.Chosen.PValue:G2}): J_inf is not to be trusted; add bath sizes (four or more allow a 1/N_b^2 term), or drop the smallest");

    private static void WriteFit(Utf8JsonWriter w, string name, BathSizeFitResult f, double memoryKernel)
    {
        w.WriteStartObject(name);
        string[] names = ["limit", "c", "d"];
        for (int i = 0; i < f.Terms; i++)
        {
            w.WriteStartObject(names[i]);
            Num(w, "value", f.Coefficients[i]);
            Num(w, "stdErr", Math.Sqrt(f.Covariance[i, i]));
            w.WriteEndObject();
        }
        Num(w, "zMemoryKernel", (f.Limit - memoryKernel) / f.LimitStdErr);
        Num(w, "chiSquare", f.ChiSquare);
        w.WriteNumber("dof", f.Dof);
        Num(w, "pValue", f.PValue);
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
