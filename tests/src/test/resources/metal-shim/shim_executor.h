// metal-shim: the executable's main loop. A job file (written by the Java tests) allocates buffers,
// fills inputs from files, launches kernels by name over those buffers with scalar arguments, and
// writes outputs to files:
//   buffer <id> <bytes>                      fresh memory, every byte 0xff (NaN, -1), guarded at both ends
//   view <id> <parent> <offset> <bytes>      a range of another buffer (an arena slot)
//   input <id> <path>                        the buffer's bytes from a file
//   launch <kernel> <groups> <threads> <buffer ids...> ; <scalar bytes as hex...>
//   output <id> <path>                       the buffer's bytes to a file
// After every launch the guards are checked, so a kernel writing past a buffer's end is reported.
#pragma once

#include "shim_threads.h"

#include <fstream>
#include <map>
#include <sstream>

namespace tmc_shim {

/** The arguments of one launch, as a kernel's trampoline reads them. */
struct Call {
    std::vector<unsigned char*> buffers;
    std::vector<std::vector<unsigned char>> scalars;
    long groups;
    int threads;
    double timeout;

    template <class T>
    T* buffer(size_t i) {
        return reinterpret_cast<T*>(buffers.at(i));
    }

    template <class T>
    T scalar(size_t i) {
        const std::vector<unsigned char>& bytes = scalars.at(i);
        if (bytes.size() != sizeof(T)) {
            fail("scalar argument %zu has %zu bytes, the kernel takes %zu", i, bytes.size(), sizeof(T));
        }
        T v;
        std::memcpy(&v, bytes.data(), sizeof(T));
        return v;
    }
};

struct Entry {
    const char* name;
    void (*run)(Call&);
};

inline constexpr size_t GUARD = 64;

struct Memory {
    unsigned char* data;
    size_t bytes;
    std::unique_ptr<unsigned char[]> owned; // with GUARD bytes of 0xa5 on each side; null for a view
};

inline void check_guards(const std::map<std::string, Memory>& memory, const std::string& after) {
    for (const auto& [id, m] : memory) {
        if (!m.owned) {
            continue;
        }
        for (size_t i = 0; i < GUARD; i++) {
            if (m.owned[i] != 0xa5 || m.owned[GUARD + m.bytes + i] != 0xa5) {
                fail("%s wrote outside buffer %s (%zu bytes)", after.c_str(), id.c_str(), m.bytes);
            }
        }
    }
}

inline Memory& find(std::map<std::string, Memory>& memory, const std::string& id) {
    auto it = memory.find(id);
    if (it == memory.end()) {
        fail("job file names unknown buffer %s", id.c_str());
    }
    return it->second;
}

inline std::vector<unsigned char> hex_bytes(const std::string& hex) {
    std::vector<unsigned char> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<unsigned char>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

inline int main(int argc, char** argv, const Entry* entries, size_t count) {
    if (argc != 2) {
        fail("usage: %s JOBFILE", argc > 0 ? argv[0] : "shim");
    }
    const char* timeout_env = std::getenv("TMC_SHIM_TIMEOUT");
    double timeout = timeout_env ? std::atof(timeout_env) : 60.0;
    std::map<std::string, Entry> kernels;
    for (size_t i = 0; i < count; i++) {
        kernels[entries[i].name] = entries[i];
    }
    std::map<std::string, Memory> memory;
    std::ifstream jobs(argv[1]);
    if (!jobs) {
        fail("cannot read job file %s", argv[1]);
    }
    std::string line;
    while (std::getline(jobs, line)) {
        std::istringstream in(line);
        std::string op;
        in >> op;
        if (op.empty() || op[0] == '#') {
            continue;
        } else if (op == "buffer") {
            std::string id;
            size_t bytes;
            in >> id >> bytes;
            std::unique_ptr<unsigned char[]> owned(new unsigned char[bytes + 2 * GUARD]);
            std::memset(owned.get(), 0xa5, bytes + 2 * GUARD);
            std::memset(owned.get() + GUARD, 0xff, bytes);
            unsigned char* data = owned.get() + GUARD;
            memory[id] = Memory{data, bytes, std::move(owned)};
        } else if (op == "view") {
            std::string id, parent;
            size_t offset, bytes;
            in >> id >> parent >> offset >> bytes;
            Memory& p = find(memory, parent);
            if (offset + bytes > p.bytes) {
                fail("view %s [%zu, %zu) exceeds buffer %s of %zu bytes", id.c_str(), offset, offset + bytes,
                     parent.c_str(), p.bytes);
            }
            memory[id] = Memory{p.data + offset, bytes, nullptr};
        } else if (op == "input" || op == "output") {
            std::string id, path;
            in >> id >> path;
            Memory& m = find(memory, id);
            if (op == "input") {
                std::ifstream file(path, std::ios::binary);
                file.read(reinterpret_cast<char*>(m.data), std::streamsize(m.bytes));
                if (!file || file.peek() != EOF) {
                    fail("input %s: %s does not hold exactly %zu bytes", id.c_str(), path.c_str(), m.bytes);
                }
            } else {
                std::ofstream file(path, std::ios::binary);
                file.write(reinterpret_cast<const char*>(m.data), std::streamsize(m.bytes));
            }
        } else if (op == "launch") {
            std::string name, word;
            Call call;
            in >> name >> call.groups >> call.threads;
            call.timeout = timeout;
            while (in >> word && word != ";") {
                call.buffers.push_back(find(memory, word).data);
            }
            while (in >> word) {
                call.scalars.push_back(hex_bytes(word));
            }
            auto k = kernels.find(name);
            if (k == kernels.end()) {
                fail("job file launches unknown kernel %s", name.c_str());
            }
            auto start = std::chrono::steady_clock::now();
            k->second.run(call);
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            std::printf("launched %s: %ld threadgroups of %d threads in %.1f ms\n", name.c_str(), call.groups,
                        call.threads, ms);
            check_guards(memory, "kernel " + name);
        } else {
            fail("job file: unknown command '%s'", op.c_str());
        }
    }
    std::fflush(stdout);
    return 0;
}

} // namespace tmc_shim
