// uninit_allocator.hpp — a std::vector whose resize() leaves new elements of trivial types unwritten.
//
// Why: a vector that is resized and then filled whole (each sentence's MinHash values,
// Signer::analyze) wrote every byte twice, zeros and then the values; memset was 1% of the
// instructions of `once clean` on ldcc (callgrind). resize(n, value), assign and push_back
// initialize as usual; only value-initialization (resize(n), vector(n)) becomes default
// initialization, which for an integer is no write at all. The caller must write every element
// it reads.
//
//   std::vector<std::uint32_t, UninitAllocator<std::uint32_t>> values;
//   values.resize(n);  // not zeroed
//   fill(values.data(), n);
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace once {

template <typename T>
class UninitAllocator : public std::allocator<T> {
public:
    using value_type = T;
    template <typename U>
    struct rebind {
        using other = UninitAllocator<U>;
    };
    UninitAllocator() noexcept = default;
    template <typename U>
    UninitAllocator(const UninitAllocator<U>&) noexcept {}

    // Value-initialization (no arguments) becomes default-initialization.
    template <typename U>
    void construct(U* at) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(at)) U;
    }
    template <typename U, typename... Args>
    void construct(U* at, Args&&... args) {
        std::allocator_traits<std::allocator<T>>::construct(static_cast<std::allocator<T>&>(*this), at,
                                                            std::forward<Args>(args)...);
    }
};

template <typename T, typename U>
bool operator==(const UninitAllocator<T>&, const UninitAllocator<U>&) noexcept { return true; }

}  // namespace once
