// metal-shim: running a kernel on CPU threads. A launch starts one std::thread per thread of a
// threadgroup; they run the threadgroups one after another, so threadgroup memory (a static array
// in the shim) belongs to one threadgroup at a time. threadgroup_barrier is a std::barrier over the
// threadgroup. Simdgroup functions exchange values through a per-simdgroup scratch area between
// two arrivals at a std::barrier over the simdgroup's lanes. Every arrival names its site, and a
// phase whose threads arrived from different sites (a barrier in divergent control flow) or a
// launch that stops making progress ends the process with a report.
#pragma once

#include "shim_types.h"

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tmc_shim {

[[noreturn]] inline void fail(const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    std::fputs("metal-shim: ", stderr);
    std::vfprintf(stderr, format, args);
    std::fputs("\n", stderr);
    va_end(args);
    std::fflush(stderr);
    std::_Exit(70);
}

inline constexpr int SIMD_WIDTH = 32;

enum Site : int { THREADGROUP_BARRIER = 1, END_OF_THREADGROUP = 2, SIMD_FUNCTION = 3, SIMDGROUP_BARRIER = 4 };

inline const char* site_name(int site) {
    switch (site) {
        case THREADGROUP_BARRIER: return "threadgroup_barrier";
        case END_OF_THREADGROUP: return "the end of the kernel";
        case SIMD_FUNCTION: return "a simdgroup function";
        default: return "simdgroup_barrier";
    }
}

/** Where each participant of a barrier arrived from; checked when a phase completes. */
struct Sites {
    std::vector<int> site;
    const char* what;
    std::atomic<long>* progress;

    void operator()() noexcept {
        progress->fetch_add(1, std::memory_order_relaxed);
        for (size_t i = 1; i < site.size(); i++) {
            if (site[i] != site[0]) {
                fail("%s: threads arrived from different places: thread 0 at %s, thread %zu at %s "
                     "(a barrier or simdgroup function in divergent control flow)",
                     what, site_name(site[0]), i, site_name(site[i]));
            }
        }
    }
};

/** std::barrier keeps its completion function by value; this one points at the shared Sites. */
struct CheckSites {
    Sites* sites;
    void operator()() noexcept { (*sites)(); }
};

struct Simdgroup {
    int lanes;
    Sites sites;
    std::barrier<CheckSites> barrier;
    alignas(16) unsigned char slot[SIMD_WIDTH][64];

    Simdgroup(int n, std::atomic<long>* progress)
        : lanes(n), sites{std::vector<int>(size_t(n)), "simdgroup", progress}, barrier(n, CheckSites{&sites}) {}
};

struct Threadgroup {
    int threads;
    Sites sites;
    std::barrier<CheckSites> barrier;
    std::vector<std::unique_ptr<Simdgroup>> simdgroups;

    Threadgroup(int n, std::atomic<long>* progress)
        : threads(n), sites{std::vector<int>(size_t(n)), "threadgroup", progress}, barrier(n, CheckSites{&sites}) {
        for (int first = 0; first < n; first += SIMD_WIDTH) {
            simdgroups.push_back(std::make_unique<Simdgroup>(std::min(SIMD_WIDTH, n - first), progress));
        }
    }
};

/** The coordinates the hardware gives a thread (1-D launches). */
struct Position {
    uint gid, tgid, tid, sgid, lane;
};

struct ThreadContext {
    Threadgroup* group;
    Position at;
};

inline thread_local ThreadContext* current = nullptr;

inline ThreadContext& context(const char* what) {
    if (current == nullptr) {
        fail("%s called outside a kernel launch", what);
    }
    return *current;
}

inline void arrive(Threadgroup& g, int thread, int site) {
    g.sites.site[size_t(thread)] = site;
    g.barrier.arrive_and_wait();
}

inline void arrive(Simdgroup& s, int lane, int site) {
    s.sites.site[size_t(lane)] = site;
    s.barrier.arrive_and_wait();
}

/**
 * Every lane of the calling thread's simdgroup contributes {@code x}; each gets {@code combine(values,
 * lanes, lane)}. Two arrivals: after all have written, and after all have read.
 */
template <class T, class Combine>
T simd_collective(T x, const char* what, Combine combine) {
    static_assert(sizeof(T) <= 64, "simdgroup scratch slots hold 64 bytes");
    ThreadContext& c = context(what);
    Simdgroup& s = *c.group->simdgroups[c.at.sgid];
    int lane = int(c.at.lane);
    std::memcpy(s.slot[lane], &x, sizeof(T));
    arrive(s, lane, SIMD_FUNCTION);
    T values[SIMD_WIDTH];
    for (int i = 0; i < s.lanes; i++) {
        std::memcpy(&values[i], s.slot[i], sizeof(T));
    }
    T result = combine(values, s.lanes, lane);
    arrive(s, lane, SIMD_FUNCTION);
    return result;
}

/** Runs {@code body(position)} on {@code groups} threadgroups of {@code threads} threads. */
template <class Body>
void launch(const char* kernel_name, long groups, int threads, double timeout_seconds, Body body) {
    if (threads <= 0 || groups < 0) {
        fail("%s: bad launch of %ld threadgroups of %d threads", kernel_name, groups, threads);
    }
    std::atomic<long> progress{0};
    std::atomic<long> current_group{0};
    Threadgroup group(threads, &progress);
    std::mutex m;
    std::condition_variable done_cv;
    bool done = false;
    std::thread watchdog([&] {
        std::unique_lock<std::mutex> lock(m);
        long seen = progress.load();
        while (!done_cv.wait_for(lock, std::chrono::duration<double>(timeout_seconds), [&] { return done; })) {
            long now = progress.load();
            if (now == seen) {
                fail("%s: no barrier completed for %.0f s in threadgroup %ld (deadlock: a barrier or "
                     "simdgroup function that not every thread reaches)",
                     kernel_name, timeout_seconds, current_group.load());
            }
            seen = now;
        }
    });
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads));
    for (int t = 0; t < threads; t++) {
        workers.emplace_back([&, t] {
            ThreadContext c{&group, {}};
            current = &c;
            for (long g = 0; g < groups; g++) {
                if (t == 0) {
                    current_group.store(g);
                }
                c.at = Position{uint(g * threads + t), uint(g), uint(t), uint(t / SIMD_WIDTH), uint(t % SIMD_WIDTH)};
                body(c.at);
                arrive(group, t, END_OF_THREADGROUP);
            }
            current = nullptr;
        });
    }
    for (auto& w : workers) {
        w.join();
    }
    {
        std::lock_guard<std::mutex> lock(m);
        done = true;
    }
    done_cv.notify_all();
    watchdog.join();
}

} // namespace tmc_shim

namespace metal {

enum class mem_flags { mem_none = 0, mem_device = 1, mem_threadgroup = 2, mem_texture = 4 };

inline void threadgroup_barrier(mem_flags) {
    tmc_shim::ThreadContext& c = tmc_shim::context("threadgroup_barrier");
    tmc_shim::arrive(*c.group, int(c.at.tid), tmc_shim::THREADGROUP_BARRIER);
}

inline void simdgroup_barrier(mem_flags) {
    tmc_shim::ThreadContext& c = tmc_shim::context("simdgroup_barrier");
    tmc_shim::arrive(*c.group->simdgroups[c.at.sgid], int(c.at.lane), tmc_shim::SIMDGROUP_BARRIER);
}

} // namespace metal
