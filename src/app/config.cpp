#include "app/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/settings.hpp"
#include "security/password.hpp"

namespace sweetshop::app {

std::string flag_for(const std::string& variable) {
    for (const auto& setting : settings())
        if (setting.variable == variable && !setting.flag.empty()) return std::string(setting.flag);
    return "environment only";
}

EnvLookup process_env() {
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* v = std::getenv(name.c_str())) return std::string(v);
        return std::nullopt;
    };
}

Config load_config(const std::map<std::string, std::string>& flags, const EnvLookup& env) {
    Config c;
    const SettingReader reader(flags, env);
    for (const auto& setting : settings())
        if (setting.read) setting.read(reader, setting.variable, c);
    return c;
}

void resolve_secret_key(Config& config, const EnvLookup& env) {
    if (auto v = env("SWEETSHOP_SECRET_KEY"); v && !v->empty()) {
        if (config.production() && v->size() < 32)
            throw ConfigError("SWEETSHOP_SECRET_KEY (environment only): must be at least 32 bytes in production, got " +
                              std::to_string(v->size()));
        config.secret_key = *v;
        return;
    }
    if (config.production())
        throw ConfigError(
            "SWEETSHOP_SECRET_KEY (environment only): required with SWEETSHOP_ENV=production (at least 32 bytes)");
    namespace fs = std::filesystem;
    const fs::path file = fs::path(config.data_dir) / "secret_key";
    if (std::ifstream in(file); in) {
        std::getline(in, config.secret_key);
        if (config.secret_key.size() >= 32) return;
    }
    prepare_data_dir(config);
    config.secret_key = security::random_hex(32);
    // Written to a new file that is 0600 from its creation (no moment with a wider mode), then renamed into place.
    const auto tmp = file.string() + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw ConfigError("SWEETSHOP_DATA_DIR (--data-dir): cannot write " + tmp);
    const std::string line = config.secret_key + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) throw ConfigError("SWEETSHOP_DATA_DIR (--data-dir): cannot write " + tmp);
    fs::rename(tmp, file);
}

void prepare_data_dir(const Config& config) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    struct stat st {};
    // 0700, unless it is a shared sticky directory such as /tmp (then the files inside are still 0600).
    if (::stat(config.data_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && !(st.st_mode & S_ISVTX) &&
        (st.st_mode & 0777) != 0700)
        ::chmod(config.data_dir.c_str(), 0700);
}

}  // namespace sweetshop::app
