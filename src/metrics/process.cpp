#include "metrics/process.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sweetshop::metrics {

namespace {
double boot_time_seconds() {
    std::ifstream in("/proc/stat");
    std::string key;
    double value = 0;
    while (in >> key) {
        if (key == "btime") {
            in >> value;
            return value;
        }
        in.ignore(1 << 20, '\n');
    }
    return 0;
}
}  // namespace

ProcessStats read_process_stats(pid_t pid) {
    ProcessStats stats;
    const std::string dir = pid == 0 ? std::string("/proc/self") : "/proc/" + std::to_string(pid);
    const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    {
        std::ifstream statm(dir + "/statm");
        double size = 0, resident = 0;
        if (statm >> size >> resident) stats.resident_bytes = resident * page;
    }
    {
        std::error_code ec;
        double n = 0;
        for (auto it = std::filesystem::directory_iterator(dir + "/fd", ec);
             !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
            ++n;
        stats.open_fds = n;
    }
    {
        std::ifstream stat(dir + "/stat");
        std::string line;
        std::getline(stat, line);
        // Fields after the command name (which may hold spaces) start after the last ')'.
        const auto close = line.rfind(')');
        if (close != std::string::npos) {
            std::istringstream rest(line.substr(close + 2));
            std::vector<std::string> fields;
            for (std::string f; rest >> f;)
                fields.push_back(f);
            // fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22.
            if (fields.size() > 19) {
                stats.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
                stats.start_time_seconds = boot_time_seconds() + std::stod(fields[19]) / ticks;
            }
        }
    }
    return stats;
}

}  // namespace sweetshop::metrics
