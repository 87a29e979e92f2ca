using GpuThermoChain.Config;

namespace GpuThermoChain.Model;

/// <summary>
/// Code generic over the particle step's type parameters (a launch, a block loop): <see cref="ParticleSchemeDispatch"/>
/// calls <see cref="Run{TScheme, TCoupling}"/> with the instantiation a run's coefficients ask for.
/// </summary>
public interface IParticleStepUser
{
    /// <summary>Does the work with the step specialised for <typeparamref name="TScheme"/> and <typeparamref name="TCoupling"/>.</summary>
    void Run<TScheme, TCoupling>()
        where TScheme : struct, IParticleScheme
        where TCoupling : struct, IParticleCoupling;
}

/// <summary>
/// The one place where a run's particle scheme (a value in the config and in <see cref="StepCoefficients.Scheme"/>)
/// becomes a type: the kernels, the reference loop and the SIMD engine call it once per launch, and run a step
/// compiled for that scheme, with nothing left to decide per particle. A new scheme is a struct implementing
/// <see cref="IParticleScheme"/>, a <see cref="ParticleScheme"/> value with its config name, and a case here. Coefficients
/// with <see cref="StepCoefficients.NoiseRefinement"/> = 1 run the scheme wrapped in <see cref="Refined{TScheme}"/>.
/// </summary>
public static class ParticleSchemeDispatch
{
    /// <summary>Runs <paramref name="user"/> with the step instantiation for <paramref name="c"/>'s scheme (coupling: von Mises).</summary>
    public static void Run<TUser>(in StepCoefficients c, ref TUser user)
        where TUser : struct, IParticleStepUser
    {
        if (c.NoiseRefinement is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(c), c.NoiseRefinement, "noise refinement must be 0 or 1");
        bool refined = c.NoiseRefinement != 0;
        switch (c.Scheme)
        {
            case ParticleScheme.EulerMaruyama when refined:
                user.Run<Refined<EulerMaruyama>, VonMisesCoupling>();
                break;
            case ParticleScheme.EulerMaruyama:
                user.Run<EulerMaruyama, VonMisesCoupling>();
                break;
            case ParticleScheme.LeimkuhlerMatthews when refined:
                user.Run<Refined<LeimkuhlerMatthews>, VonMisesCoupling>();
                break;
            case ParticleScheme.LeimkuhlerMatthews:
                user.Run<LeimkuhlerMatthews, VonMisesCoupling>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Scheme, "unknown particle scheme");
        }
    }
}
