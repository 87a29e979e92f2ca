using GpuThermoChain.Model;

namespace GpuThermoChain.Kernels;

/// <summary>
/// A bath size N_b fixed at compile time, for the kernel that keeps a trajectory's particles in registers
/// (<see cref="EnsembleKernels.AdvanceRegistersKernel"/>): registers cannot be indexed at run time, so every particle
/// number in that kernel must be a constant, and the kernel is compiled once per size.
/// </summary>
public interface IRegisterShape
{
    /// <summary>N_b, the particles of a trajectory (at most <see cref="RegisterParticles.Capacity"/>).</summary>
    int Particles { get; }
}

/// <summary>N_b = 10: the smallest bath of the Gaussian-limit study's default sizes (10, 40, 160).</summary>
public readonly struct TenParticles : IRegisterShape
{
    /// <inheritdoc/>
    public int Particles => 10;
}

/// <summary>N_b = 20.</summary>
public readonly struct TwentyParticles : IRegisterShape
{
    /// <inheritdoc/>
    public int Particles => 20;
}

/// <summary>N_b = 40: the paper's bath, what scripts/gpu-check.sh measures.</summary>
public readonly struct FortyParticles : IRegisterShape
{
    /// <inheritdoc/>
    public int Particles => 40;
}

/// <summary>Code to run with the <see cref="IRegisterShape"/> of a bath size as a type parameter (<see cref="RegisterShapes.TryRun"/>).</summary>
public interface IRegisterShapeUser
{
    /// <summary>Runs with <typeparamref name="TShape"/>.</summary>
    void Run<TShape>()
        where TShape : struct, IRegisterShape;
}

/// <summary>The bath sizes the register kernel is compiled for, and how a size becomes its type.</summary>
public static class RegisterShapes
{
    /// <summary>
    /// N_b the register kernel exists for; any other size runs the <c>thread</c> layout instead. Each size is one more
    /// struct here and one kernel compiled on first use, up to <see cref="RegisterParticles.Capacity"/> (40: a larger
    /// capacity costs ILGPU compile time, which inlines every group and field switch before folding them, and leaves
    /// fewer of a thread's 255 registers for the step).
    /// </summary>
    public static IReadOnlyList<int> ParticleCounts { get; } = [10, 20, 40];

    /// <summary>
    /// Runs <paramref name="user"/> with the shape of <paramref name="c"/>'s bath and returns true, or returns false when
    /// the register kernel has no such size (or the coefficients' group count is not the size's).
    /// </summary>
    public static bool TryRun<TUser>(in StepCoefficients c, ref TUser user)
        where TUser : struct, IRegisterShapeUser
    {
        if (c.ParticleGroups != (c.Particles + 3) / 4)
        {
            return false;
        }
        switch (c.Particles)
        {
            case 10:
                user.Run<TenParticles>();
                return true;
            case 20:
                user.Run<TwentyParticles>();
                return true;
            case 40:
                user.Run<FortyParticles>();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether the register kernel exists for <paramref name="c"/>'s bath.</summary>
    public static bool Supports(in StepCoefficients c)
    {
        var probe = new Probe();
        return TryRun(c, ref probe);
    }

    /// <summary>
    /// <paramref name="c"/> with N_b and its Philox group count replaced by <typeparamref name="TShape"/>'s constants (the
    /// same values: the host picked the shape by them), so that inside a kernel every particle loop bound and every
    /// partial-group test is a compile-time constant the compiler folds.
    /// </summary>
    public static StepCoefficients Specialise<TShape>(in StepCoefficients c)
        where TShape : struct, IRegisterShape
        => c with { Particles = default(TShape).Particles, ParticleGroups = (default(TShape).Particles + 3) / 4 };

    /// <summary><paramref name="c"/> without particles: what the register kernel keeps in shared memory (the chain alone).</summary>
    public static StepCoefficients ChainOnly(in StepCoefficients c) => c with { Particles = 0, ParticleGroups = 0 };

    private struct Probe : IRegisterShapeUser
    {
        public readonly void Run<TShape>()
            where TShape : struct, IRegisterShape
        {
        }
    }
}
