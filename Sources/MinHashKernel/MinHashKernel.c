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

// AVX2 has neither 64-bit lane multiplies nor an unsigned 64-bit minimum: a product modulo 2^64 is
// built from three 32 x 32 -> 64 bit multiplies (the high halves' product falls off the top), and the
// minimum compares with the sign bit flipped. Eight slots are two vectors of four.
__attribute__((target("avx2")))
static inline __m256i multiply64_avx2(__m256i a, uint64_t constant) {
    const __m256i low = _mm256_set1_epi64x((long long)(constant & 0xFFFFFFFFULL));
    const __m256i high = _mm256_set1_epi64x((long long)(constant >> 32));
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), low), _mm256_mul_epu32(a, high));
    return _mm256_add_epi64(_mm256_mul_epu32(a, low), _mm256_slli_epi64(cross, 32));
}

__attribute__((target("avx2")))
static inline __m256i mix_avx2(__m256i z) {
    z = _mm256_add_epi64(z, _mm256_set1_epi64x((long long)0x9E3779B97F4A7C15ULL));
    z = multiply64_avx2(_mm256_xor_si256(z, _mm256_srli_epi64(z, 30)), 0xBF58476D1CE4E5B9ULL);
    z = multiply64_avx2(_mm256_xor_si256(z, _mm256_srli_epi64(z, 27)), 0x94D049BB133111EBULL);
    return _mm256_xor_si256(z, _mm256_srli_epi64(z, 31));
}

__attribute__((target("avx2")))
static inline __m256i min_epu64_avx2(__m256i a, __m256i b) {
    const __m256i sign = _mm256_set1_epi64x((long long)0x8000000000000000ULL);
    __m256i a_greater = _mm256_cmpgt_epi64(_mm256_xor_si256(a, sign), _mm256_xor_si256(b, sign));
    return _mm256_blendv_epi8(a, b, a_greater);
}

__attribute__((target("avx2")))
static void minhash8_avx2(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]) {
    const __m256i seed_low = _mm256_loadu_si256((const __m256i *)seeds);
    const __m256i seed_high = _mm256_loadu_si256((const __m256i *)(seeds + 4));
    __m256i m_low = _mm256_set1_epi64x(-1), m_high = _mm256_set1_epi64x(-1);
    for (long index = 0; index < count; index++) {
        const __m256i hash = _mm256_set1_epi64x((long long)hashes[index]);
        m_low = min_epu64_avx2(m_low, mix_avx2(_mm256_xor_si256(hash, seed_low)));
        m_high = min_epu64_avx2(m_high, mix_avx2(_mm256_xor_si256(hash, seed_high)));
    }
    _mm256_storeu_si256((__m256i *)minimums, m_low);
    _mm256_storeu_si256((__m256i *)(minimums + 4), m_high);
}

static int has_avx512(void) {
    __builtin_cpu_init();  // idempotent: the processor is read once
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}

static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

void newsmill_minhash8(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (has_avx512()) {
        minhash8_avx512(hashes, count, seeds, minimums);
        return;
    }
    if (newsmill_minhash8_avx2(hashes, count, seeds, minimums)) return;
#endif
    newsmill_minhash8_portable(hashes, count, seeds, minimums);
}

int newsmill_minhash8_avx2(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (has_avx2()) {
        minhash8_avx2(hashes, count, seeds, minimums);
        return 1;
    }
#endif
    return 0;
}
