#include "once/flat_hash.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace once {
namespace {

class BlockReserve {
public:
    void enable() {
        std::lock_guard lock(mutex_);
        if (started_) return;
        started_ = true;
        std::thread([this] { fill(); }).detach();
    }
    void* take() {
        std::lock_guard lock(mutex_);
        if (ready_.empty()) return nullptr;
        void* block = ready_.back();
        ready_.pop_back();
        wanted_.notify_one();
        return block;
    }

private:
    // A few blocks ahead is enough: the index takes a block per few thousand sentences, and
    // clearing one takes well under a millisecond.
    static constexpr std::size_t k_depth = 4;

    void fill() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wanted_.wait(lock, [this] { return ready_.size() < k_depth; });
            lock.unlock();
            void* block = HugeBlocks::map_block(true);
            // Touch every page (one write per huge page would do where THP is on).
            auto* bytes = static_cast<volatile char*>(block);
            for (std::size_t i = 0; i < HugeBlocks::k_block_bytes; i += 4096) bytes[i] = 0;
            lock.lock();
            ready_.push_back(block);
        }
    }

    std::mutex mutex_;
    std::condition_variable wanted_;
    std::vector<void*> ready_;
    bool started_ = false;
};

// Never destroyed: its thread waits on it until the process ends.
BlockReserve& reserve() {
    static BlockReserve* instance = new BlockReserve;
    return *instance;
}

}  // namespace

void enable_block_reserve() { reserve().enable(); }

void* take_reserved_block() { return reserve().take(); }

}  // namespace once
