#include "MinHashKernel.h"

// splitmix64's finaliser, as TextFingerprint.mix in Swift.
static inline uint64_t mix(uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void newsmill_minhash8_portable(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]) {
    uint64_t m[8];
    for (int slot = 0; slot < 8; slot++) m[slot] = UINT64_MAX;
    for (long index = 0; index < count; index++) {
        for (int slot = 0; slot < 8; slot++) {
            uint64_t value = mix(hashes[index] ^ seeds[slot]);
            if (value < m[slot]) m[slot] = value;
        }
    }
    for (int slot = 0; slot < 8; slot++) minimums[slot] = m[slot];
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// 64-bit lane multiplies (vpmullq) need AVX-512DQ; the unsigned minimum needs AVX-512F.
__attribute__((target("avx512f,avx512dq")))
static void minhash8_avx512(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]) {
    const __m512i seed = _mm512_loadu_si512((const void *)seeds);
    const __m512i golden = _mm512_set1_epi64((long long)0x9E3779B97F4A7C15ULL);
    const __m512i first = _mm512_set1_epi64((long long)0xBF58476D1CE4E5B9ULL);
    const __m512i second = _mm512_set1_epi64((long long)0x94D049BB133111EBULL);
    __m512i m = _mm512_set1_epi64(-1);
    for (long index = 0; index < count; index++) {
        __m512i z = _mm512_add_epi64(_mm512_xor_si512(_mm512_set1_epi64((long long)hashes[index]), seed), golden);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), first);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), second);
        z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
        m = _mm512_min_epu64(m, z);
    }
    _mm512_storeu_si512((void *)minimums, m);
}

static int has_avx512(void) {
    __builtin_cpu_init();  // idempotent: the processor is read once
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}
#endif

void newsmill_minhash8(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (has_avx512()) {
        minhash8_avx512(hashes, count, seeds, minimums);
        return;
    }
#endif
    newsmill_minhash8_portable(hashes, count, seeds, minimums);
}
