#ifndef NEWSMILL_MINHASH_KERNEL_H
#define NEWSMILL_MINHASH_KERNEL_H

#include <stdint.h>

/// The eight MinHash minimums of `count` shingle hashes: for each slot k, the least value of
/// splitmix64's finaliser applied to (hash XOR seeds[k]) over every hash, written to minimums[k]
/// (UINT64_MAX each when count is 0). On x86-64 processors with AVX-512 (F and DQ) the eight slots are
/// the eight lanes of one vector; with AVX2 alone, two vectors of four; elsewhere a scalar loop computes
/// the same values.
void newsmill_minhash8(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]);

/// The scalar loop alone, whatever the processor (what newsmill_minhash8 falls back on; for tests).
void newsmill_minhash8_portable(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]);

/// The AVX2 loop alone (for tests, and what newsmill_minhash8 takes without AVX-512): returns 1 when the
/// processor has AVX2 and the minimums are written, 0 (nothing written) when it has not.
int newsmill_minhash8_avx2(const uint64_t *hashes, long count, const uint64_t seeds[8], uint64_t minimums[8]);

#endif
