// prefetch.hpp — start loading a cache line that a lookup will read a few steps later.
//
// Why: the hot lookups of a run land at random in tables of the whole corpus (the band tables,
// match/flat_hash.hpp; the line-template counts, judge/key_counts.hpp), and a miss costs
// hundreds of cycles; a caller with several independent lookups issues their prefetches first
// so the misses overlap.
//
// Why not __builtin_prefetch: GCC 12 takes a function that only reads memory and prefetches
// for one without effect (ipa-pure-const) and drops its calls, so the band tables' prefetch(),
// called from loops, issued nothing (objdump of 033fe2a: no prefetch instruction in
// Matcher::insert_part). The asm statement is an effect it must keep. A prefetch never faults.
//
//   for (key : keys) prefetch_line(&table[home(key)]);
//   for (key : keys) use(table[home(key)]);
#pragma once

namespace once {

inline void prefetch_line(const void* address) {
#if defined(__x86_64__) || defined(__i386__)
    asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(address)));
#else
    __builtin_prefetch(address);
#endif
}

}  // namespace once
