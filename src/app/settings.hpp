#pragma once
// The one table of settings: each setting's variable, flag, help, the commands that take it and how it is read.
// It drives load_config, every subcommand's --help and flags, and docs/configuration.md (checked by a unit test).
#include <string>
#include <string_view>
#include <vector>

#include "app/config.hpp"

namespace sweetshop::app {

/// The subcommands, as bits of Setting::commands.
enum Command : unsigned {
    kServe = 1u << 0,
    kMetrics = 1u << 1,
    kMigrate = 1u << 2,
    kCreateAdmin = 1u << 3,
    kSetStaff = 1u << 4,
    kImportDjango = 1u << 5,
    kVerifyStock = 1u << 6,
    kSeedDemo = 1u << 7,
};
/// Every command that opens the database.
inline constexpr unsigned kDatabaseCommands =
    kServe | kMetrics | kMigrate | kCreateAdmin | kSetStaff | kImportDjango | kVerifyStock | kSeedDemo;

class SettingReader;

struct Setting {
    std::string_view variable;
    std::string_view flag;   ///< empty: environment only (a secret is never taken from the command line)
    std::string_view alias;  ///< another spelling of the flag, on the commands that take it
    std::string_view help;   ///< one line, for --help
    unsigned commands = 0;   ///< the commands that take it (Command bits)
    /// Reads it into the Config (null: read by its command itself, such as SWEETSHOP_ADMIN_PASSWORD).
    void (*read)(const SettingReader& reader, std::string_view name, Config& config) = nullptr;
    /// The default as docs/configuration.md shows it (null: the value of Config{}, shown by `shown`).
    std::string_view default_text = {};
    std::string (*shown)(const Config& config) = nullptr;
};

/// In the order they are read (later ones may depend on earlier ones) and documented.
const std::vector<Setting>& settings();

/// The names of the commands in `commands`, as docs/configuration.md lists them ("all" for every database command).
std::string command_names(unsigned commands);

/// A setting's value from the flags given, else the environment; bad values throw ConfigError naming the setting.
class SettingReader {
  public:
    SettingReader(const std::map<std::string, std::string>& flags, const EnvLookup& env) : flags_(flags), env_(env) {}

    std::optional<std::string> raw(std::string_view name) const;
    [[noreturn]] void bad(std::string_view name, const std::string& why) const;
    void string(std::string_view name, std::string& out) const;
    void integer(std::string_view name, long long& out, long long min, long long max) const;
    template <class T>
    void integer(std::string_view name, T& out, long long min, long long max) const {
        long long value = static_cast<long long>(out);
        integer(name, value, min, max);
        out = static_cast<T>(value);
    }
    void choice(std::string_view name, std::string& out, const std::vector<std::string>& allowed) const;
    /// A comma-separated list (items trimmed, empty ones dropped); unchanged when absent.
    void list(std::string_view name, std::vector<std::string>& out) const;

  private:
    const std::map<std::string, std::string>& flags_;
    const EnvLookup& env_;
};

}  // namespace sweetshop::app
