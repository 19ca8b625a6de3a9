#pragma once
// The process's own figures, read from /proc (Linux).
#include <sys/types.h>

#include "metrics/metrics.hpp"

namespace sweetshop::metrics {

/// Resident memory, open files, start time and CPU time of `pid` (0: this process). Zeros where /proc cannot be
/// read.
ProcessStats read_process_stats(pid_t pid = 0);

}  // namespace sweetshop::metrics
