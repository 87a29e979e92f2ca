// Hand-written CUDA C peer of gtc's full model (docs: docs/benchmarks.md; physics: docs/model.md, "The system", "Estimators of the heat current", "Random numbers").
//
// The same model and the same step as src/GpuThermoChain.Model/TimeStep.cs (full model):
//   q1mid = q_1 + (dt/2) p_1/m; S Euler-Maruyama substeps of all particles at q1mid giving the impulse I;
//   B(dt/2) + I/2; A(dt/2); exact OU on site N; A(dt/2); B(dt/2) + I/2; accumulate.
// The same Philox4x32-10 keyed the same way (key = seed; counter = (trajectory, step, purpose << 24 | substep,
// group)), the same Box-Muller, the same initial particles (purpose 0xF1). The chain starts at rest (gtc's
// numerics.initialState = rest): the peer has no theory library to draw the stationary state from.
//
// Written the way one would by hand: one thread per trajectory, N_b and N compile-time constants so the 40
// particle positions and the chain live in registers, float particles with __expf/__sinf/__cosf/__logf, double
// chain and accumulators, state kept in registers across the steps of a launch.
//
// Builds:  nvcc -O3 -arch=native -o peer peer.cu          (GPU)
//          g++ -O2 -x c++ -DPEER_CPU -fopenmp -ffp-contract=off -o peer-cpu peer.cu   (same body, host loop;
//          with glibc's float functions it reproduces gtc's CPU numbers, which checks the step logic)
// Usage:   peer [-m trajectories] [-b burn-in steps] [-n measured steps] [-l steps per launch] [-s substeps]
//               [-T T_L] [-R T_R] [-k coupling] [--seed S] [--kat-only]
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <algorithm>

#ifdef PEER_CPU
#include <chrono>
#define HD inline
#define GLOBAL
#define UNROLL
#define FAST_EXP expf
#define FAST_LOG logf
#define FAST_SIN sinf
#define FAST_COS cosf
static inline uint32_t mulhi32(uint32_t a, uint32_t b) { return (uint32_t)(((uint64_t)a * b) >> 32); }
#else
#include <cuda_runtime.h>
#define HD __host__ __device__ __forceinline__
#define GLOBAL __global__
// Every loop over sites, particles and accumulators is unrolled: with constant indices the arrays live in registers
// (a loop left rolled indexes them at run time, which puts them in local memory).
#define UNROLL _Pragma("unroll")
// The fast intrinsics exist only in device code; the host pass of these __host__ __device__ functions (never run on
// the host in this build) gets the libm ones.
#ifdef __CUDA_ARCH__
#define FAST_EXP __expf
#define FAST_LOG __logf
#define FAST_SIN __sinf
#define FAST_COS __cosf
#else
#define FAST_EXP expf
#define FAST_LOG logf
#define FAST_SIN sinf
#define FAST_COS cosf
#endif
__host__ __device__ __forceinline__ uint32_t mulhi32(uint32_t a, uint32_t b)
{
#ifdef __CUDA_ARCH__
    return __umulhi(a, b);
#else
    return (uint32_t)(((uint64_t)a * b) >> 32);
#endif
}
#define CUDA_CHECK(call)                                                                              \
    do {                                                                                              \
        cudaError_t e_ = (call);                                                                      \
        if (e_ != cudaSuccess) {                                                                      \
            fprintf(stderr, "peer: CUDA error %s at %s:%d: %s\n", cudaGetErrorName(e_), __FILE__,     \
                    __LINE__, cudaGetErrorString(e_));                                                \
            exit(1);                                                                                  \
        }                                                                                             \
    } while (0)
#endif

// ---- model size (the paper's): compile-time so that the state sits in registers ----
#ifndef NB
#define NB 40 // bath particles per trajectory
#endif
#ifndef NSITES
#define NSITES 8 // chain sites
#endif
#define NGROUPS ((NB + 3) / 4)
#define NACC (3 + NSITES) // left-bath energy, right-bath heat, bond current, p_j^2/m per site

// ---- Philox4x32-10 (docs/model.md, "Random numbers") ----
struct U4 { uint32_t x0, x1, x2, x3; };

HD U4 philox(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1)
{
    const uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
UNROLL
    for (int r = 0; r < 10; r++) {
        if (r > 0) { k0 += W0; k1 += W1; }
        uint32_t hi0 = mulhi32(M0, c0), lo0 = M0 * c0;
        uint32_t hi1 = mulhi32(M1, c2), lo1 = M1 * c2;
        uint32_t n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
        c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
    }
    U4 out = {c0, c1, c2, c3};
    return out;
}

// (w + 0.5) 2^-32 in (0, 1), exact in double, then rounded to float: the same uniform as gtc's.
HD float uniform01(uint32_t w) { return (float)(((double)w + 0.5) * (1.0 / 4294967296.0)); }

struct F4 { float z0, z1, z2, z3; };

// Four normals by Box-Muller. fmaxf guards the fast log: its absolute error (~2^-22) can make log(u) > 0 for u
// just below 1, and sqrt of a negative is NaN.
HD F4 normals(uint32_t seedLo, uint32_t seedHi, uint32_t traj, uint32_t step, uint32_t purpose, uint32_t substep, uint32_t group)
{
    U4 b = philox(traj, step, (purpose << 24) | substep, group, seedLo, seedHi);
    const float twoPi = 6.28318530717958647692f;
    float r0 = sqrtf(fmaxf(0.f, -2.f * FAST_LOG(uniform01(b.x0))));
    float a0 = twoPi * uniform01(b.x1);
    float r1 = sqrtf(fmaxf(0.f, -2.f * FAST_LOG(uniform01(b.x2))));
    float a1 = twoPi * uniform01(b.x3);
    F4 z = {r0 * FAST_COS(a0), r0 * FAST_SIN(a0), r1 * FAST_COS(a1), r1 * FAST_SIN(a1)};
    return z;
}

// ---- coefficients, computed on the host in double as StepCoefficients.Create does ----
struct Coef {
    uint32_t seedLo, seedHi;
    int substeps;
    double dt, invDt, halfDt, halfDtOverM, invM, invTwoM, k, K1, KN, bondFactor;
    double cR, noiseR;
    double h, eps, lambda;
    float forceScale, rho, waveNumber, ringLength, invRingLength, driftFactor, particleNoise;
};

static double scaledBesselI0(double x)
{
    double quarterSquare = 0.25 * x * x, term = 1.0, sum = 1.0;
    for (int k = 1; k < 500; k++) {
        term *= quarterSquare / ((double)k * k);
        sum += term;
        if (term < 1e-17 * sum) break;
    }
    return sum * exp(-x);
}

static Coef makeCoef(double TL, double TR, double kCoupling, int substeps, uint64_t seed)
{
    // Paper parameters (docs/model.md, "The system"): m = K = A = 1, eps = 0.1, rho = 2, L = 25, zeta = 0.1, gamma_R = 1, dt = 0.01.
    const double m = 1, K = 1, A = 1, eps = 0.1, rho = 2, L = 25, zeta = 0.1, gammaR = 1, dt = 0.01;
    const double pi = 3.14159265358979323846;
    Coef c;
    double h = dt / substeps;
    double cR = exp(-gammaR * dt / m);
    c.seedLo = (uint32_t)seed; c.seedHi = (uint32_t)(seed >> 32);
    c.substeps = substeps;
    c.dt = dt; c.invDt = 1.0 / dt; c.halfDt = 0.5 * dt; c.halfDtOverM = 0.5 * dt / m;
    c.invM = 1.0 / m; c.invTwoM = 0.5 / m;
    c.k = kCoupling; c.K1 = K; c.KN = K;
    c.bondFactor = NSITES > 1 ? kCoupling / (2.0 * m * (NSITES - 1)) : 0.0;
    c.cR = cR; c.noiseR = sqrt((1 - cR * cR) * m * TR);
    c.h = h; c.eps = eps; c.lambda = eps * A * NB;
    c.forceScale = (float)(A / scaledBesselI0(rho));
    c.rho = (float)rho;
    c.waveNumber = (float)(2 * pi / L);
    c.ringLength = (float)L;
    c.invRingLength = (float)(1.0 / L);
    c.driftFactor = (float)(eps * h * 2 * pi * rho / (zeta * L));
    c.particleNoise = (float)sqrt(2 * TL * h / zeta);
    return c;
}

// ---- the step ----
HD double chainForce(const double* q, const Coef& c, int j)
{
    if (NSITES == 1) return -c.K1 * q[0];
    if (j == 0) return -c.K1 * q[0] - c.k * (q[0] - q[1]);
    if (j == NSITES - 1) return -c.KN * q[j] - c.k * (q[j] - q[j - 1]);
    return c.k * (q[j - 1] - 2.0 * q[j] + q[j + 1]);
}

// Forces first, then kicks: the same arithmetic, and one loop shape nvcc unrolls (with the force inside the kick
// loop it kept q and p in local memory).
HD void halfKick(const double* q, double* p, const Coef& c, double leftKick)
{
    double f[NSITES];
    UNROLL for (int j = 0; j < NSITES; j++) f[j] = chainForce(q, c, j);
    p[0] = p[0] + c.halfDt * f[0] + leftKick;
    UNROLL for (int j = 1; j < NSITES; j++) p[j] = p[j] + c.halfDt * f[j];
}

HD void drift(double* q, const double* p, const Coef& c)
{
    UNROLL for (int j = 0; j < NSITES; j++) q[j] = q[j] + c.halfDtOverM * p[j];
}

HD float wrapRing(float x, const Coef& c)
{
    x -= c.ringLength * floorf(x * c.invRingLength);
    if (x < 0.f) x += c.ringLength;
    if (x >= c.ringLength) x -= c.ringLength;
    return x;
}

// Advances one trajectory held in registers by `steps` steps from `firstStep`; accumulates from `measureFrom`.
HD void advance(double* q, double* p, float* x, double* acc, const Coef& c, uint32_t traj, uint32_t firstStep,
                int steps, uint32_t measureFrom)
{
    for (int s = 0; s < steps; s++) {
        uint32_t step = firstStep + (uint32_t)s;
        double q1Old = q[0];
        double q1Mid = q1Old + c.halfDtOverM * p[0];
        float driftScale = c.driftFactor * (float)q1Mid;
        double impulse = 0.0;
        for (int sub = 0; sub < c.substeps; sub++) {
            float forceSum = 0.f;
UNROLL
            for (int g = 0; g < NGROUPS; g++) {
                F4 xi = normals(c.seedLo, c.seedHi, traj, step, 1u, (uint32_t)sub, (uint32_t)g);
                float z[4] = {xi.z0, xi.z1, xi.z2, xi.z3};
UNROLL
                for (int l = 0; l < 4; l++) {
                    int i = 4 * g + l;
                    if (i < NB) {
                        float theta = x[i] * c.waveNumber;
                        float force = c.forceScale * FAST_EXP(c.rho * (FAST_COS(theta) - 1.f));
                        forceSum += force;
                        float xn = x[i] + driftScale * FAST_SIN(theta) * force + c.particleNoise * z[l];
                        x[i] = wrapRing(xn, c);
                    }
                }
            }
            impulse += (c.lambda - c.eps * forceSum) * c.h;
        }
        halfKick(q, p, c, 0.5 * impulse);
        drift(q, p, c);
        // Exact OU on site N (purpose 2, substep 0, group 0, first normal).
        float xiR = normals(c.seedLo, c.seedHi, traj, step, 2u, 0u, 0u).z0;
        double pOld = p[NSITES - 1];
        double pNew = c.cR * pOld + c.noiseR * xiR;
        p[NSITES - 1] = pNew;
        double rightHeat = (pOld * pOld - pNew * pNew) * c.invTwoM;
        drift(q, p, c);
        halfKick(q, p, c, 0.5 * impulse);
        double leftEnergy = impulse * (q[0] - q1Old) * c.invDt;
        if (step >= measureFrom) {
            acc[0] += leftEnergy;
            acc[1] += rightHeat;
            double bond = 0.0, qPrev = q[0], pPrev = p[0];
            acc[3] += pPrev * pPrev * c.invM;
            UNROLL for (int j = 1; j < NSITES; j++) {
                bond += (qPrev - q[j]) * (pPrev + p[j]);
                acc[3 + j] += p[j] * p[j] * c.invM;
                qPrev = q[j];
                pPrev = p[j];
            }
            acc[2] += c.bondFactor * bond;
        }
    }
}

// One trajectory per thread: load the SoA state into registers, advance, store.
HD void trajectoryBody(int t, int M, double* gq, double* gp, float* gx, double* gacc, Coef c, uint32_t firstStep,
                       int steps, uint32_t measureFrom)
{
    double q[NSITES], p[NSITES], acc[NACC];
    float x[NB];
    UNROLL for (int j = 0; j < NSITES; j++) { q[j] = gq[j * M + t]; p[j] = gp[j * M + t]; }
    UNROLL for (int i = 0; i < NB; i++) x[i] = gx[i * M + t];
    UNROLL for (int a = 0; a < NACC; a++) acc[a] = gacc[a * M + t];
    advance(q, p, x, acc, c, (uint32_t)t, firstStep, steps, measureFrom);
    UNROLL for (int j = 0; j < NSITES; j++) { gq[j * M + t] = q[j]; gp[j * M + t] = p[j]; }
    UNROLL for (int i = 0; i < NB; i++) gx[i * M + t] = x[i];
    UNROLL for (int a = 0; a < NACC; a++) gacc[a * M + t] = acc[a];
}

// Initial state: chain at rest, particles uniform on the ring keyed as gtc's InitialStates.UniformParticles.
HD void initBody(int t, int M, double* gq, double* gp, float* gx, double* gacc, Coef c)
{
    for (int j = 0; j < NSITES; j++) { gq[j * M + t] = 0.0; gp[j * M + t] = 0.0; }
    for (int a = 0; a < NACC; a++) gacc[a * M + t] = 0.0;
    for (int g = 0; g < NGROUPS; g++) {
        U4 b = philox((uint32_t)t, 0u, 0xF1u << 24, (uint32_t)g, c.seedLo, c.seedHi);
        uint32_t w[4] = {b.x0, b.x1, b.x2, b.x3};
        for (int l = 0; l < 4 && 4 * g + l < NB; l++) {
            float xi = (float)(25.0 * ((w[l] + 0.5) / 4294967296.0));
            gx[(4 * g + l) * M + t] = xi < c.ringLength ? xi : 0.f;
        }
    }
}

#ifndef PEER_CPU
__global__ void advanceKernel(int M, double* q, double* p, float* x, double* acc, Coef c, uint32_t firstStep, int steps,
                              uint32_t measureFrom)
{
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t < M) trajectoryBody(t, M, q, p, x, acc, c, firstStep, steps, measureFrom);
}
__global__ void initKernel(int M, double* q, double* p, float* x, double* acc, Coef c)
{
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t < M) initBody(t, M, q, p, x, acc, c);
}
__global__ void philoxKernel(U4* out)
{
    out[0] = philox(0, 0, 0, 0, 0, 0);
    out[1] = philox(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu);
    out[2] = philox(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u);
}
#endif

// ---- host ----
struct Ensemble {
    int M;
    double *q, *p, *acc;
    float* x;
};

static double nowSeconds()
{
#ifdef PEER_CPU
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
#else
    return 0;
#endif
}

// Runs `steps` steps from `first` in one launch; returns the launch's seconds (kernel time on the GPU).
static double launch(Ensemble& e, const Coef& c, uint32_t first, int steps, uint32_t measureFrom)
{
#ifdef PEER_CPU
    double t0 = nowSeconds();
#pragma omp parallel for schedule(static)
    for (int t = 0; t < e.M; t++) trajectoryBody(t, e.M, e.q, e.p, e.x, e.acc, c, first, steps, measureFrom);
    return nowSeconds() - t0;
#else
    cudaEvent_t a, b;
    CUDA_CHECK(cudaEventCreate(&a));
    CUDA_CHECK(cudaEventCreate(&b));
    int block = 128;
    CUDA_CHECK(cudaEventRecord(a));
    advanceKernel<<<(e.M + block - 1) / block, block>>>(e.M, e.q, e.p, e.x, e.acc, c, first, steps, measureFrom);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaEventRecord(b));
    CUDA_CHECK(cudaEventSynchronize(b));
    float ms = 0;
    CUDA_CHECK(cudaEventElapsedTime(&ms, a, b));
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    return ms * 1e-3;
#endif
}

static void usage()
{
    fprintf(stderr, "usage: peer [-m trajectories] [-b burn-in steps] [-n measured steps] [-l steps per launch] [-s substeps]\n"
                    "            [-T T_L] [-R T_R] [-k coupling] [--seed S] [--kat-only]\n");
    exit(2);
}

int main(int argc, char** argv)
{
    int M = 4096, substeps = 1, perLaunch = 2000;
    long burnIn = 5000, measured = 20000;
    double TL = 5, TR = 0, kCoupling = 1;
    uint64_t seed = 1;
    bool katOnly = false;
    for (int i = 1; i < argc; i++) {
        const char* a = argv[i];
        auto next = [&]() -> const char* { if (i + 1 >= argc) usage(); return argv[++i]; };
        if (!strcmp(a, "-m")) M = atoi(next());
        else if (!strcmp(a, "-b")) burnIn = atol(next());
        else if (!strcmp(a, "-n")) measured = atol(next());
        else if (!strcmp(a, "-l")) perLaunch = atoi(next());
        else if (!strcmp(a, "-s")) substeps = atoi(next());
        else if (!strcmp(a, "-T")) TL = atof(next());
        else if (!strcmp(a, "-R")) TR = atof(next());
        else if (!strcmp(a, "-k")) kCoupling = atof(next());
        else if (!strcmp(a, "--seed")) seed = strtoull(next(), nullptr, 0);
        else if (!strcmp(a, "--kat-only")) katOnly = true;
        else usage();
    }
    if (M < 2 || measured < 1 || burnIn < 0 || perLaunch < 1 || substeps < 1 || !(TL > 0) || TR < 0) usage();

    // Known answers (docs/model.md, "Random numbers"), host and (GPU build) device.
    const U4 expect[3] = {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u},
                          {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu},
                          {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}};
    U4 host[3] = {philox(0, 0, 0, 0, 0, 0),
                  philox(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu),
                  philox(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u)};
    U4 dev[3];
#ifdef PEER_CPU
    memcpy(dev, host, sizeof dev);
    printf("device: host CPU (PEER_CPU build), %d trajectories\n", M);
#else
    cudaDeviceProp prop;
    CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
    int driver = 0, runtime = 0;
    cudaDriverGetVersion(&driver);
    cudaRuntimeGetVersion(&runtime);
    printf("device: %s, sm_%d%d, %d SMs, driver %d, runtime %d\n", prop.name, prop.major, prop.minor,
           prop.multiProcessorCount, driver, runtime);
    U4* dk;
    CUDA_CHECK(cudaMalloc(&dk, sizeof dev));
    philoxKernel<<<1, 1>>>(dk);
    CUDA_CHECK(cudaMemcpy(dev, dk, sizeof dev, cudaMemcpyDeviceToHost));
    cudaFree(dk);
#endif
    bool katOk = true;
    for (int i = 0; i < 3; i++) {
        bool ok = !memcmp(&host[i], &expect[i], sizeof(U4)) && !memcmp(&dev[i], &expect[i], sizeof(U4));
        katOk = katOk && ok;
        printf("philox kat %d: %08x %08x %08x %08x %s\n", i, dev[i].x0, dev[i].x1, dev[i].x2, dev[i].x3, ok ? "ok" : "MISMATCH");
    }
    if (!katOk) { fprintf(stderr, "peer: Philox known answers do not match docs/model.md, \"Random numbers\"\n"); return 1; }
    if (katOnly) return 0;

    Coef c = makeCoef(TL, TR, kCoupling, substeps, seed);
    Ensemble e;
    e.M = M;
    size_t nq = (size_t)NSITES * M, nx = (size_t)NB * M, na = (size_t)NACC * M;
#ifdef PEER_CPU
    std::vector<double> vq(nq), vp(nq), va(na);
    std::vector<float> vx(nx);
    e.q = vq.data(); e.p = vp.data(); e.acc = va.data(); e.x = vx.data();
    for (int t = 0; t < M; t++) initBody(t, M, e.q, e.p, e.x, e.acc, c);
#else
    CUDA_CHECK(cudaMalloc(&e.q, nq * sizeof(double)));
    CUDA_CHECK(cudaMalloc(&e.p, nq * sizeof(double)));
    CUDA_CHECK(cudaMalloc(&e.acc, na * sizeof(double)));
    CUDA_CHECK(cudaMalloc(&e.x, nx * sizeof(float)));
    initKernel<<<(M + 127) / 128, 128>>>(M, e.q, e.p, e.x, e.acc, c);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaDeviceSynchronize());
#endif

    // Burn-in (its first launch timed apart: module load, caches), then measured launches, each timed.
    uint32_t measureFrom = (uint32_t)burnIn;
    long total = burnIn + measured;
    long done = 0;
    double firstLaunch = -1, burnSeconds = 0;
    std::vector<double> rates;
    double measuredSeconds = 0;
    long measuredDone = 0;
    while (done < total) {
        long limit = done < burnIn ? burnIn : total; // launches do not straddle the start of measurement
        int steps = (int)std::min<long>(perLaunch, limit - done);
        double s = launch(e, c, (uint32_t)done, steps, measureFrom);
        if (firstLaunch < 0) firstLaunch = s;
        else if (done < burnIn) burnSeconds += s;
        else {
            measuredSeconds += s;
            measuredDone += steps;
            rates.push_back((double)M * steps * NB * substeps / s);
        }
        done += steps;
    }

    std::vector<double> acc(na);
#ifdef PEER_CPU
    acc.assign(e.acc, e.acc + na);
#else
    CUDA_CHECK(cudaMemcpy(acc.data(), e.acc, na * sizeof(double), cudaMemcpyDeviceToHost));
    cudaFree(e.q); cudaFree(e.p); cudaFree(e.acc); cudaFree(e.x);
#endif
    auto estimate = [&](int slot, double scale, double& mean, double& se) {
        double s = 0, s2 = 0;
        for (int t = 0; t < M; t++) { double v = acc[(size_t)slot * M + t]; s += v; s2 += v * v; }
        double mu = s / M, var = std::max(0.0, (s2 - s * mu) / (M - 1));
        mean = scale * mu;
        se = fabs(scale) * sqrt(var / M);
    };
    double jb, sb, jr, sr, jl, sl;
    estimate(2, 1.0 / measured, jb, sb);
    estimate(1, 1.0 / (measured * c.dt), jr, sr);
    estimate(0, 1.0 / (measured * c.dt), jl, sl);
    std::vector<double> sorted = rates;
    std::sort(sorted.begin(), sorted.end());
    double median = sorted.empty() ? 0 : (sorted.size() % 2 ? sorted[sorted.size() / 2]
                                                              : 0.5 * (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]));
    printf("parameters: N = %d, N_b = %d, k = %g, zeta = 0.1, T_L = %g, T_R = %g, dt = 0.01, S = %d, seed %llu, initial state rest\n",
           NSITES, NB, kCoupling, TL, TR, substeps, (unsigned long long)seed);
    printf("run: %d trajectories x (%ld burn-in + %ld measured) steps, %d steps per launch\n", M, burnIn, measured, perLaunch);
    printf("first launch: %.6f s\n", firstLaunch);
    if (measuredDone > 0)
        printf("particle-steps/s: %.4e (median of %zu launches; overall %.4e over %.4f s)\n", median, rates.size(),
               (double)M * measuredDone * NB * substeps / measuredSeconds, measuredSeconds);
    printf("J bond: %.9g +- %.3g\n", jb, sb);
    printf("J rightBath: %.9g +- %.3g\n", jr, sr);
    printf("J leftBath: %.9g +- %.3g\n", jl, sl);
    if (!std::isfinite(jb)) { fprintf(stderr, "peer: the current is not finite (blow-up)\n"); return 1; }
    return 0;
}
