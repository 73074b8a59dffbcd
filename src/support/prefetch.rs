//! A hint to the processor to fetch a cache line before it is read, for the loops whose next
//! reads are known a few steps ahead but land anywhere in memory: Hopcroft–Karp's layers, the
//! sparse auction's bids and reverse bids, the candidate search's rule checks. Each caller
//! says what it fetches and what that was measured to save.

#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};

/// Asks the processor to fetch the cache line holding `slice[index]` (if `index` is past the
/// end, a line that is not read: harmless). Does nothing on other architectures.
#[inline(always)]
pub(crate) fn prefetch_line<T>(slice: &[T], index: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        let at = slice.as_ptr().wrapping_add(index).cast::<i8>();
        // SAFETY: a prefetch is a hint that reads nothing and cannot fault, so any address
        // is fine, even past the end of `slice` (`wrapping_add` computes it without
        // dereferencing); SSE is part of x86-64.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (slice, index);
}
