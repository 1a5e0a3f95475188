#include "once/input/temp_files.hpp"

#include <atomic>
#include <climits>
#include <csignal>
#include <cstring>

#include <unistd.h>

namespace once {
namespace {

struct Slot {
    std::atomic<bool> used{false};   // claimed by an owner
    std::atomic<bool> ready{false};  // path written: the handler may unlink it
    char path[PATH_MAX];
};
Slot g_slots[k_max_temp_files];

extern "C" void remove_and_die(int signal_number) {
    for (auto& slot : g_slots)
        if (slot.ready.load()) ::unlink(slot.path);
    for (auto& slot : g_slots)  // folders (spool folders) once their files are gone
        if (slot.ready.load()) ::rmdir(slot.path);
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

}  // namespace

int register_temp_file(const std::string& path) {
    if (path.size() >= PATH_MAX) return -1;
    for (int i = 0; i < k_max_temp_files; ++i) {
        bool expected = false;
        if (!g_slots[i].used.compare_exchange_strong(expected, true)) continue;
        std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
        g_slots[i].ready.store(true);
        return i;
    }
    return -1;
}

void unregister_temp_file(int slot) {
    if (slot < 0 || slot >= k_max_temp_files) return;
    g_slots[slot].ready.store(false);
    g_slots[slot].used.store(false);
}

void remove_temp_files_on_signals() {
    struct sigaction action {};
    action.sa_handler = remove_and_die;
    sigemptyset(&action.sa_mask);
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
        // A signal the caller ignores (nohup, a background job of a script) stays ignored.
        struct sigaction current {};
        if (::sigaction(signal_number, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        ::sigaction(signal_number, &action, nullptr);
    }
}

}  // namespace once
