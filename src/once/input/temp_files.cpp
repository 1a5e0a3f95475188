#include "once/input/temp_files.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace once {
namespace {

struct Slot {
    std::atomic<bool> used{false};   // claimed by an owner
    std::atomic<bool> ready{false};  // path written: the handler may unlink it
    bool tree = false;               // a folder removed with everything in it
    char path[PATH_MAX];
};
Slot g_slots[k_max_temp_files];

// Deeper folders than this inside a staging folder are left to the next run (a staged tree
// mirrors the inputs' folders, rarely 10 deep); it bounds the handler's stack to 64 buffers.
constexpr int k_max_tree_depth = 64;
// Bytes of folder entries read at a time, per level: several entries of the longest name (255).
constexpr std::size_t k_listing_bytes = 1024;

// Removes what folder `dir` holds, with async-signal-safe calls only (opendir/readdir may
// allocate): getdents64, unlinkat, openat. A folder is listed again from its start until a pass
// removes nothing, so entries a listing skipped while others were removed are not missed.
void empty_folder(int dir, int depth) {
    alignas(8) char listing[k_listing_bytes];
    for (bool removed = true; removed;) {
        removed = false;
        ::lseek(dir, 0, SEEK_SET);
        for (long size; (size = ::syscall(SYS_getdents64, dir, listing, sizeof listing)) > 0;) {
            for (long at = 0; at < size;) {
                const auto* entry = reinterpret_cast<const dirent64*>(listing + at);
                at += entry->d_reclen;
                const char* name = entry->d_name;
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
                if (::unlinkat(dir, name, 0) == 0) {
                    removed = true;
                    continue;
                }
                if (errno != EISDIR || depth >= k_max_tree_depth) continue;
                const int sub = ::openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub < 0) continue;
                empty_folder(sub, depth + 1);
                ::close(sub);
                if (::unlinkat(dir, name, AT_REMOVEDIR) == 0) removed = true;
            }
        }
    }
}

extern "C" void remove_and_die(int signal_number) {
    const int saved_errno = errno;
    for (auto& slot : g_slots)
        if (slot.ready.load() && !slot.tree) ::unlink(slot.path);
    for (auto& slot : g_slots) {
        if (!slot.ready.load() || !slot.tree) continue;
        const int dir = ::open(slot.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (dir < 0) continue;
        empty_folder(dir, 0);
        ::close(dir);
    }
    // Folders once their files are gone: spool folders, emptied trees, and the output folders a
    // run made, innermost first whatever their slots' order (a pass removes at least one or ends).
    for (bool removed = true; removed;) {
        removed = false;
        for (auto& slot : g_slots)
            if (slot.ready.load() && ::rmdir(slot.path) == 0) removed = true;
    }
    errno = saved_errno;
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

int claim_slot(const std::string& path, bool tree) {
    if (path.size() >= PATH_MAX) return -1;
    for (int i = 0; i < k_max_temp_files; ++i) {
        bool expected = false;
        if (!g_slots[i].used.compare_exchange_strong(expected, true)) continue;
        std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
        g_slots[i].tree = tree;
        g_slots[i].ready.store(true);
        return i;
    }
    return -1;
}

}  // namespace

int register_temp_file(const std::string& path) { return claim_slot(path, false); }

int register_temp_tree(const std::string& path) { return claim_slot(path, true); }

void unregister_temp_file(int slot) {
    if (slot < 0 || slot >= k_max_temp_files) return;
    g_slots[slot].ready.store(false);
    g_slots[slot].used.store(false);
}

void remove_temp_files_on_signals() {
    struct sigaction action {};
    action.sa_handler = remove_and_die;
    sigemptyset(&action.sa_mask);
    // SIGPIPE too: `once clean -o - | head -1` dies of it (exit 141, no message, as cat and grep
    // do) when the reader closes early, and left its staging folders (the map's) behind.
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
        // A signal the caller ignores (nohup, a background job of a script) stays ignored.
        struct sigaction current {};
        if (::sigaction(signal_number, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        ::sigaction(signal_number, &action, nullptr);
    }
}

}  // namespace once
