// Hand-vectorised C peer of gtc's CPU engine (docs/benchmarks.md, "CPU figures"; physics: docs/model.md,
// "The system", "Time step and splitting", "Random numbers").
//
// The same model and step as src/GpuThermoChain.Model/TimeStep.cs (full model, Euler-Maruyama particles):
//   q1mid = q_1 + (dt/2) p_1/m; S substeps of all particles at q1mid giving the impulse I;
//   B(dt/2) + I/2; A(dt/2); exact OU on site N; A(dt/2); B(dt/2) + I/2; accumulate.
// The same Philox4x32-10 keyed the same way (key = seed; counter = (trajectory, step, purpose << 24 | substep,
// group)), the same Box-Muller, the same initial particles (purpose 0xF1), the chain at rest.
//
// Written the way a performance-minded C programmer would for a CPU: 16 trajectories in lockstep, one per vector
// lane (GCC vector extensions: one zmm per vector with AVX-512, two ymm halves with AVX2), float particles, double
// chain, branch-free polynomial sin/cos/exp/log (Cephes' minimax coefficients, FMA-contracted), Philox's 32x32->64
// multiplies on vpmuludq, and each block's whole state (2.5 KB of particles, the chain, the accumulators) kept in
// L1 for all its steps; blocks spread over the cores with OpenMP.
//
// Build:   cc -O3 -march=native -fopenmp -o peer-cpu peer-cpu.c -lm        (AVX-512 where the CPU has it)
//          cc -O3 -march=native -mno-avx512f -fopenmp ...                   (the AVX2 path on such a CPU)
// Usage:   peer-cpu [-m trajectories] [-b burn-in steps] [-n measured steps] [-s substeps] [-T T_L] [-R T_R]
//                   [-k coupling] [--seed S] [--kat-only]            (threads: OMP_NUM_THREADS)
#include <immintrin.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NB
#define NB 40 // bath particles per trajectory
#endif
#ifndef NSITES
#define NSITES 8 // chain sites
#endif
#define NGROUPS ((NB + 3) / 4)
#define NACC (3 + NSITES) // left-bath energy, right-bath heat, bond current, p_j^2/m per site
#ifndef W // trajectories per block, one per float lane: one register per particle vector
#if defined(__AVX512F__)
#define W 16
#else
#define W 8
#endif
#endif

typedef float vf __attribute__((vector_size(4 * W)));
typedef int32_t vi __attribute__((vector_size(4 * W)));
typedef uint32_t vu __attribute__((vector_size(4 * W)));
typedef double vd __attribute__((vector_size(8 * W)));

#define INLINE static inline __attribute__((always_inline))

INLINE vf splat(float a) { return (vf){0} + a; }
INLINE vd splatd(double a) { return (vd){0} + a; }
INLINE vf sel(vi mask, vf a, vf b) { return (vf)((mask & (vi)a) | (~mask & (vi)b)); }

// ---- Philox4x32-10 over 16 counters that differ in word 0 ----
// hi and lo words of a * m per lane: vpmuludq multiplies the even 32-bit lanes into 64-bit products, a shift
// brings the odd lanes down.
INLINE void mulwide(vu a, uint32_t m, vu* hi, vu* lo)
{
#if defined(__AVX512F__) && W == 16
    __m512i va = (__m512i)a, vm = _mm512_set1_epi32((int)m);
    __m512i even = _mm512_mul_epu32(va, vm), odd = _mm512_mul_epu32(_mm512_srli_epi64(va, 32), vm);
    __m512i mask = _mm512_set1_epi64(0xFFFFFFFF);
    *hi = (vu)_mm512_or_si512(_mm512_srli_epi64(even, 32), _mm512_andnot_si512(mask, odd));
    *lo = (vu)_mm512_or_si512(_mm512_and_si512(even, mask), _mm512_slli_epi64(odd, 32));
#elif defined(__AVX2__) && W % 8 == 0
    __m256i halves[W / 8], his[W / 8], los[W / 8];
    memcpy(halves, &a, sizeof halves);
    __m256i vm = _mm256_set1_epi32((int)m), mask = _mm256_set1_epi64x(0xFFFFFFFF);
    for (int h = 0; h < W / 8; h++) {
        __m256i even = _mm256_mul_epu32(halves[h], vm), odd = _mm256_mul_epu32(_mm256_srli_epi64(halves[h], 32), vm);
        his[h] = _mm256_or_si256(_mm256_srli_epi64(even, 32), _mm256_andnot_si256(mask, odd));
        los[h] = _mm256_or_si256(_mm256_and_si256(even, mask), _mm256_slli_epi64(odd, 32));
    }
    memcpy(hi, his, sizeof his);
    memcpy(lo, los, sizeof los);
#else
    for (int l = 0; l < W; l++) {
        uint64_t p = (uint64_t)a[l] * m;
        (*hi)[l] = (uint32_t)(p >> 32);
        (*lo)[l] = (uint32_t)p;
    }
#endif
}

typedef struct { vu x0, x1, x2, x3; } block4;

INLINE block4 philox(vu c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1)
{
    const uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    vu x0 = c0, x1 = (vu){0} + c1, x2 = (vu){0} + c2, x3 = (vu){0} + c3;
    for (int r = 0; r < 10; r++) {
        vu hi0, lo0, hi1, lo1;
        mulwide(x0, M0, &hi0, &lo0);
        mulwide(x2, M1, &hi1, &lo1);
        x0 = hi1 ^ x1 ^ k0;
        x1 = lo1;
        x2 = hi0 ^ x3 ^ k1;
        x3 = lo0;
        k0 += W0;
        k1 += W1;
    }
    return (block4){x0, x1, x2, x3};
}

// (w + 0.5) 2^-32 exact in double, rounded to float: w - 2^31 converts exactly as a signed int.
INLINE vf uniform(vu w)
{
    vd d = __builtin_convertvector((vi)(w ^ 0x80000000u), vd) + 2147483648.5;
    return __builtin_convertvector(d * (1.0 / 4294967296.0), vf);
}

// ---- branch-free float polynomials (Cephes expf, logf, sinf/cosf) ----
INLINE vf roundNearest(vf x) { return (x + 12582912.0f) - 12582912.0f; } // |x| < 2^22

INLINE vf vexp(vf x)
{
    vf c = sel(x < -87.3365447505531f, splat(-87.3365447505531f), x); // never taken by the step: rho (cos - 1) >= -2 rho
    vf n = roundNearest(c * 1.44269504088896341f);
    vf r = c - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    vf p = 1.9875691500e-4f * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    vi scale = (__builtin_convertvector(n, vi) + 127) << 23;
    return p * (vf)scale;
}

INLINE vf vlog(vf x)
{
    vi bits = (vi)x;
    vi e = ((bits >> 23) & 0xFF) - 126;
    vf m = (vf)((bits & 0x007FFFFF) | 0x3F000000);
    vi small = m < 0.707106781186547524f;
    e += small;
    m = m - 1.0f + (vf)(small & (vi)m);
    vf z = m * m;
    vf p = 7.0376836292e-2f * m - 1.1514610310e-1f;
    p = p * m + 1.1676998740e-1f;
    p = p * m - 1.2420140846e-1f;
    p = p * m + 1.4249322787e-1f;
    p = p * m - 1.6668057665e-1f;
    p = p * m + 2.0000714765e-1f;
    p = p * m - 2.4999993993e-1f;
    p = p * m + 3.3333331174e-1f;
    vf ef = __builtin_convertvector(e, vf);
    vf y = p * m * z + ef * -2.12194440e-4f - 0.5f * z;
    return m + y + ef * 0.693359375f;
}

INLINE void vsincos(vf x, vf* sinOut, vf* cosOut)
{
    vf j = roundNearest(x * 0.636619772367581343f);
    vf r = x - j * 1.57079637050628662f;
    r = r - j * -4.37113900018624283e-8f;
    vf z = r * r;
    vf s = -1.9515295891e-4f * z + 8.3321608736e-3f;
    s = s * z - 1.6666654611e-1f;
    s = s * z * r + r;
    vf c = 2.443315711809948e-5f * z - 1.388731625493765e-3f;
    c = c * z + 4.166664568298827e-2f;
    c = c * z * z + (1.0f - 0.5f * z);
    vi q = __builtin_convertvector(j, vi);
    vi swap = (q & 1) != 0;
    vf sn = sel(swap, c, s), cs = sel(swap, s, c);
    *sinOut = (vf)((vi)sn ^ ((q & 2) << 30));
    *cosOut = (vf)((vi)cs ^ (((q + 1) & 2) << 30));
}

INLINE vf vsqrt(vf x)
{
#if defined(__AVX512F__) && W == 16
    return (vf)_mm512_sqrt_ps((__m512)x);
#elif defined(__AVX__) && W % 8 == 0
    __m256 h[W / 8];
    memcpy(h, &x, sizeof h);
    for (int i = 0; i < W / 8; i++) h[i] = _mm256_sqrt_ps(h[i]);
    memcpy(&x, h, sizeof h);
    return x;
#else
    for (int l = 0; l < W; l++) x[l] = sqrtf(x[l]);
    return x;
#endif
}

// floor for |y| < 2^22 (the wrap of a particle that moved less than a ring length)
INLINE vf vfloor(vf y)
{
    vf t = roundNearest(y);
    return t - (vf)((vi)splat(1.0f) & (t > y));
}

typedef struct { vf z0, z1, z2, z3; } normal4;

INLINE normal4 normals(uint32_t seedLo, uint32_t seedHi, vu traj, uint32_t step, uint32_t purpose, uint32_t substep,
                       uint32_t group)
{
    block4 b = philox(traj, step, (purpose << 24) | substep, group, seedLo, seedHi);
    const float twoPi = 6.28318530717958647692f;
    vf s0 = -2.0f * vlog(uniform(b.x0)), s1 = -2.0f * vlog(uniform(b.x2));
    vf r0 = vsqrt(sel(s0 > 0, s0, splat(0))), r1 = vsqrt(sel(s1 > 0, s1, splat(0)));
    vf sin0, cos0, sin1, cos1;
    vsincos(twoPi * uniform(b.x1), &sin0, &cos0);
    vsincos(twoPi * uniform(b.x3), &sin1, &cos1);
    return (normal4){r0 * cos0, r0 * sin0, r1 * cos1, r1 * sin1};
}

// ---- coefficients, in double as StepCoefficients.Create computes them ----
typedef struct {
    uint32_t seedLo, seedHi;
    int substeps;
    double dt, invDt, halfDt, halfDtOverM, invM, invTwoM, k, K1, KN, bondFactor, cR, noiseR, h, eps, lambda;
    float forceScale, rho, waveNumber, ringLength, invRingLength, driftFactor, particleNoise;
} coef;

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

static coef makeCoef(double TL, double TR, double kCoupling, int substeps, uint64_t seed)
{
    // Paper parameters (docs/model.md, "The system"): m = K = A = 1, eps = 0.1, rho = 2, L = 25, zeta = 0.1,
    // gamma_R = 1, dt = 0.01.
    const double m = 1, K = 1, A = 1, eps = 0.1, rho = 2, L = 25, zeta = 0.1, gammaR = 1, dt = 0.01;
    const double pi = 3.14159265358979323846;
    double h = dt / substeps, cR = exp(-gammaR * dt / m);
    coef c = {
        .seedLo = (uint32_t)seed, .seedHi = (uint32_t)(seed >> 32), .substeps = substeps,
        .dt = dt, .invDt = 1.0 / dt, .halfDt = 0.5 * dt, .halfDtOverM = 0.5 * dt / m, .invM = 1.0 / m,
        .invTwoM = 0.5 / m, .k = kCoupling, .K1 = K, .KN = K,
        .bondFactor = NSITES > 1 ? kCoupling / (2.0 * m * (NSITES - 1)) : 0.0,
        .cR = cR, .noiseR = sqrt((1 - cR * cR) * m * TR), .h = h, .eps = eps, .lambda = eps * A * NB,
        .forceScale = (float)(A / scaledBesselI0(rho)), .rho = (float)rho, .waveNumber = (float)(2 * pi / L),
        .ringLength = (float)L, .invRingLength = (float)(1.0 / L),
        .driftFactor = (float)(eps * h * 2 * pi * rho / (zeta * L)),
        .particleNoise = (float)sqrt(2 * TL * h / zeta),
    };
    return c;
}

// ---- one block of 16 trajectories, its state in L1 for all its steps ----
typedef struct {
    vd q[NSITES], p[NSITES], acc[NACC];
    vf x[NB];
} blockState;

INLINE vd chainForce(const vd* q, const coef* c, int j)
{
    if (NSITES == 1) return -c->K1 * q[0];
    if (j == 0) return -c->K1 * q[0] - c->k * (q[0] - q[1]);
    if (j == NSITES - 1) return -c->KN * q[j] - c->k * (q[j] - q[j - 1]);
    return c->k * (q[j - 1] - 2.0 * q[j] + q[j + 1]);
}

INLINE void halfKick(const vd* q, vd* p, const coef* c, vd leftKick)
{
    vd f[NSITES];
    for (int j = 0; j < NSITES; j++) f[j] = chainForce(q, c, j);
    p[0] = p[0] + c->halfDt * f[0] + leftKick;
    for (int j = 1; j < NSITES; j++) p[j] = p[j] + c->halfDt * f[j];
}

INLINE void drift(vd* q, const vd* p, const coef* c)
{
    for (int j = 0; j < NSITES; j++) q[j] = q[j] + c->halfDtOverM * p[j];
}

static void advance(blockState* s, const coef* c, vu traj, uint32_t firstStep, long steps, uint32_t measureFrom)
{
    const vf ring = splat(c->ringLength);
    for (long k = 0; k < steps; k++) {
        uint32_t step = firstStep + (uint32_t)k;
        vd q1Old = s->q[0];
        vd q1Mid = q1Old + c->halfDtOverM * s->p[0];
        vf driftScale = c->driftFactor * __builtin_convertvector(q1Mid, vf);
        vd impulse = splatd(0);
        for (int sub = 0; sub < c->substeps; sub++) {
            vf forceSum = splat(0);
            for (int g = 0; g < NGROUPS; g++) {
                normal4 xi = normals(c->seedLo, c->seedHi, traj, step, 1u, (uint32_t)sub, (uint32_t)g);
                vf z[4] = {xi.z0, xi.z1, xi.z2, xi.z3};
                for (int l = 0; l < 4 && 4 * g + l < NB; l++) {
                    vf x = s->x[4 * g + l], sn, cs;
                    vsincos(x * c->waveNumber, &sn, &cs);
                    vf force = c->forceScale * vexp(c->rho * (cs - 1.0f));
                    forceSum += force;
                    x = x + (driftScale * sn * force + c->particleNoise * z[l]);
                    x -= ring * vfloor(x * c->invRingLength);
                    x = sel(x < 0, x + ring, x);
                    s->x[4 * g + l] = sel(x >= ring, x - ring, x);
                }
            }
            impulse += (c->lambda - c->eps * __builtin_convertvector(forceSum, vd)) * c->h;
        }
        halfKick(s->q, s->p, c, 0.5 * impulse);
        drift(s->q, s->p, c);
        vf xiR = normals(c->seedLo, c->seedHi, traj, step, 2u, 0u, 0u).z0; // O-step on site N
        vd pOld = s->p[NSITES - 1];
        vd pNew = c->cR * pOld + c->noiseR * __builtin_convertvector(xiR, vd);
        s->p[NSITES - 1] = pNew;
        vd rightHeat = (pOld * pOld - pNew * pNew) * c->invTwoM;
        drift(s->q, s->p, c);
        halfKick(s->q, s->p, c, 0.5 * impulse);
        if (step >= measureFrom) {
            s->acc[0] += impulse * (s->q[0] - q1Old) * c->invDt;
            s->acc[1] += rightHeat;
            vd bond = splatd(0);
            s->acc[3] += s->p[0] * s->p[0] * c->invM;
            for (int j = 1; j < NSITES; j++) {
                bond += (s->q[j - 1] - s->q[j]) * (s->p[j - 1] + s->p[j]);
                s->acc[3 + j] += s->p[j] * s->p[j] * c->invM;
            }
            s->acc[2] += c->bondFactor * bond;
        }
    }
}

// Chain at rest, particles uniform on the ring keyed as gtc's InitialStates.UniformParticles (purpose 0xF1).
static void initBlock(blockState* s, const coef* c, vu traj)
{
    memset(s, 0, sizeof *s);
    for (int g = 0; g < NGROUPS; g++) {
        block4 b = philox(traj, 0u, 0xF1u << 24, (uint32_t)g, c->seedLo, c->seedHi);
        vu w[4] = {b.x0, b.x1, b.x2, b.x3};
        for (int l = 0; l < 4 && 4 * g + l < NB; l++)
            for (int t = 0; t < W; t++) {
                float xi = (float)(25.0 * ((w[l][t] + 0.5) / 4294967296.0));
                s->x[4 * g + l][t] = xi < c->ringLength ? xi : 0.f;
            }
    }
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void usage(void)
{
    fprintf(stderr, "usage: peer-cpu [-m trajectories] [-b burn-in steps] [-n measured steps] [-s substeps] [-T T_L] [-R T_R]\n"
                    "                [-k coupling] [--seed S] [--kat-only]\n");
    exit(2);
}

int main(int argc, char** argv)
{
    int M = 1024, substeps = 1;
    long burnIn = 1, measured = 8000;
    double TL = 5, TR = 0, kCoupling = 1;
    uint64_t seed = 1;
    int katOnly = 0;
    for (int i = 1; i < argc; i++) {
        const char* a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--kat-only")) { katOnly = 1; continue; }
        if (!v) usage();
        i++;
        if (!strcmp(a, "-m")) M = atoi(v);
        else if (!strcmp(a, "-b")) burnIn = atol(v);
        else if (!strcmp(a, "-n")) measured = atol(v);
        else if (!strcmp(a, "-s")) substeps = atoi(v);
        else if (!strcmp(a, "-T")) TL = atof(v);
        else if (!strcmp(a, "-R")) TR = atof(v);
        else if (!strcmp(a, "-k")) kCoupling = atof(v);
        else if (!strcmp(a, "--seed")) seed = strtoull(v, NULL, 0);
        else usage();
    }
    if (M < 2 || measured < 1 || burnIn < 0 || substeps < 1 || !(TL > 0) || TR < 0) usage();

    // Known answers (docs/model.md, "Random numbers") in lanes 0 and 1.
    const uint32_t expect[3][4] = {{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u},
                                   {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu},
                                   {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}};
    block4 kat[3] = {philox((vu){0}, 0, 0, 0, 0, 0),
                     philox((vu){0} + 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu),
                     philox((vu){0} + 0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u)};
    for (int i = 0; i < 3; i++) {
        uint32_t got[4] = {kat[i].x0[W - 1], kat[i].x1[W - 1], kat[i].x2[W - 1], kat[i].x3[W - 1]};
        if (memcmp(got, expect[i], sizeof got)) { fprintf(stderr, "peer-cpu: Philox known answer %d does not match\n", i); return 1; }
    }
    printf("philox known answers: ok\n");
    if (katOnly) return 0;

    coef c = makeCoef(TL, TR, kCoupling, substeps, seed);
    int blocks = (M + W - 1) / W;
    blockState* state = aligned_alloc(64, sizeof(blockState) * blocks);
    if (!state) { fprintf(stderr, "peer-cpu: out of memory\n"); return 1; }
    vu lane;
    for (int l = 0; l < W; l++) lane[l] = (uint32_t)l;
    double t0 = seconds();
#pragma omp parallel for schedule(static)
    for (int b = 0; b < blocks; b++) {
        vu traj = lane + (uint32_t)(b * W);
        initBlock(&state[b], &c, traj);
        advance(&state[b], &c, traj, 0, burnIn + measured, (uint32_t)burnIn);
    }
    double elapsed = seconds() - t0;

    // Estimates over the M real trajectories (lanes past M in the last block are padding).
    double sum[NACC] = {0}, squares[NACC] = {0};
    for (int t = 0; t < M; t++)
        for (int a = 0; a < NACC; a++) {
            double v = state[t / W].acc[a][t % W];
            sum[a] += v;
            squares[a] += v * v;
        }
    double scale[3] = {1.0 / (measured * c.dt), 1.0 / (measured * c.dt), 1.0 / measured};
    const char* name[3] = {"leftBath", "rightBath", "bond"};
    printf("parameters: N = %d, N_b = %d, k = %g, zeta = 0.1, T_L = %g, T_R = %g, dt = 0.01, S = %d, seed %llu, initial state rest\n",
           NSITES, NB, kCoupling, TL, TR, substeps, (unsigned long long)seed);
    printf("run: %d trajectories x (%ld burn-in + %ld measured) steps, %d threads, %s\n", M, burnIn, measured,
           omp_get_max_threads(),
#if defined(__AVX512F__)
           "AVX-512"
#elif defined(__AVX2__)
           "AVX2"
#else
           "no AVX2"
#endif
    );
    printf("particle-steps/s: %.4e (%.3f s stepping)\n", (double)M * (burnIn + measured) * NB * substeps / elapsed, elapsed);
    for (int a = 2; a >= 0; a--) {
        double mu = sum[a] / M, var = (squares[a] - sum[a] * mu) / (M - 1);
        printf("J %s: %.9g +- %.3g\n", name[a], scale[a] * mu, fabs(scale[a]) * sqrt((var > 0 ? var : 0) / M));
    }
    free(state);
    return 0;
}
