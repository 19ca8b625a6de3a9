#include "storage/django_import.hpp"

#include <ctime>
#include <map>
#include <stdexcept>
#include <variant>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/money.hpp"
#include "domain/text.hpp"
#include "storage/ledger.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
// Named SQL: the original's tables (read), ours (written).
constexpr const char* kDjangoUsers =
    "SELECT id, username, email, password, CASE WHEN is_staff THEN 1 ELSE 0 END, "
    "CASE WHEN is_active THEN 1 ELSE 0 END, CAST(date_joined AS TEXT) FROM auth_user ORDER BY id";
constexpr const char* kDjangoSweets =
    "SELECT id, name, category, description, CAST(price AS TEXT), quantity, created_by_id, "
    "CAST(created_at AS TEXT), CAST(updated_at AS TEXT) FROM sweets_sweet ORDER BY id";
constexpr const char* kUserExists = "SELECT COUNT(*) FROM users WHERE id = :id OR username = :value";
constexpr const char* kSweetExists = "SELECT COUNT(*) FROM sweets WHERE id = :id OR name = :value";
constexpr const char* kCountUsers = "SELECT COUNT(*) FROM users";
constexpr const char* kCountSweets = "SELECT COUNT(*) FROM sweets";
constexpr const char* kInsertUser =
    "INSERT INTO users (id, username, email, password_hash, is_staff, is_active, date_joined_us, role) "
    "VALUES (:id, :username, :email, :hash, :staff, :active, :joined, "
    "CASE WHEN :staff = 1 THEN 'owner' ELSE 'customer' END)";
constexpr const char* kInsertSweet =
    "INSERT INTO sweets (id, name, name_folded, category, category_folded, description, price_cents, quantity, "
    "created_by_id, created_by, created_at_us, updated_at_us) VALUES (:id, :name, :name_folded, :category, "
    ":category_folded, :description, :price, :quantity, :creator_id, :creator, :created, :updated)";
// Explicit ids were inserted: move PostgreSQL's sequences past them.
constexpr const char* kPostgresSequences[] = {
    "SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST((SELECT MAX(id) FROM users), 1))",
    "SELECT setval(pg_get_serial_sequence('sweets', 'id'), GREATEST((SELECT MAX(id) FROM sweets), 1))",
};
struct DjangoUser {
    long long id = 0;
    std::string username, email, password;
    int is_staff = 0, is_active = 1;
    std::string joined;
};

struct DjangoSweet {
    long long id = 0;
    std::string name, category, description, price;
    long long quantity = 0, created_by = 0;
    bool has_creator = false;
    std::string created, updated;
};

std::vector<DjangoUser> read_users(Database& source) {
    return source.read([](soci::session& sql) {
        std::vector<DjangoUser> out;
        DjangoUser u;
        soci::indicator email_ind = soci::i_ok;
        Query q(sql);
        q.into(u.id).into(u.username).into(u.email, email_ind).into(u.password).into(u.is_staff).into(u.is_active);
        q.into(u.joined);
        for (bool row = q.run(kDjangoUsers); row; row = q.fetch()) {
            if (email_ind != soci::i_ok) u.email.clear();
            out.push_back(u);
        }
        return out;
    });
}

std::vector<DjangoSweet> read_sweets(Database& source) {
    return source.read([](soci::session& sql) {
        std::vector<DjangoSweet> out;
        DjangoSweet s;
        soci::indicator description_ind = soci::i_ok, creator_ind = soci::i_ok;
        Query q(sql);
        q.into(s.id).into(s.name).into(s.category).into(s.description, description_ind).into(s.price);
        q.into(s.quantity).into(s.created_by, creator_ind).into(s.created).into(s.updated);
        for (bool row = q.run(kDjangoSweets); row; row = q.fetch()) {
            if (description_ind != soci::i_ok) s.description.clear();
            s.has_creator = creator_ind == soci::i_ok;
            out.push_back(s);
        }
        return out;
    });
}

/// Whether `count` (kUserExists, kSweetExists) finds a row with this id or natural key.
bool exists(soci::session& sql, const char* count, long long id, const std::string& value) {
    long long found = 0;
    Query q(sql);
    q.use(id, "id").use(value, "value").into(found);
    q.run(count);
    return found > 0;
}

long long count_rows(soci::session& sql, const char* count) {
    long long n = 0;
    Query q(sql);
    q.into(n);
    q.run(count);
    return n;
}
}  // namespace

domain::Micros parse_django_time(const std::string& text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[ T]%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                    &consumed) != 6)
        throw std::invalid_argument("not a timestamp: \"" + text + "\"");
    std::size_t i = static_cast<std::size_t>(consumed);
    long long micros = 0;
    if (i < text.size() && text[i] == '.') {
        int digits = 0;
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
            if (digits < 6) {
                micros = micros * 10 + (text[i] - '0');
                ++digits;
            }
        for (; digits < 6; ++digits)
            micros *= 10;
    }
    long long offset_seconds = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        const int sign = text[i] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (std::sscanf(text.c_str() + i + 1, "%2d:%2d", &oh, &om) < 1 &&
            std::sscanf(text.c_str() + i + 1, "%2d", &oh) < 1)
            throw std::invalid_argument("not a timestamp: \"" + text + "\"");
        offset_seconds = sign * (oh * 3600LL + om * 60LL);
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    const long long seconds = static_cast<long long>(timegm(&tm)) - offset_seconds;
    return seconds * 1'000'000 + micros;
}

std::pair<long long, long long> shop_size(Database& target) {
    return target.read([](soci::session& sql) {
        return std::pair{count_rows(sql, kCountUsers), count_rows(sql, kCountSweets)};
    });
}

DjangoImportReport import_django(Database& source, Database& target,
                                 const std::function<void(const std::string&)>& say) {
    const auto users = read_users(source);
    const auto sweets = read_sweets(source);
    std::map<long long, std::string> usernames;
    for (const auto& u : users)
        usernames[u.id] = u.username;

    return target.write([&](soci::session& sql) {
        DjangoImportReport report;
        for (const auto& u : users) {
            if (exists(sql, kUserExists, u.id, u.username)) {
                ++report.users_skipped;
                continue;
            }
            const long long joined = parse_django_time(u.joined);
            Query q(sql);
            q.use(u.id, "id").use(u.username, "username").use(u.email, "email").use(u.password, "hash");
            q.use(u.is_staff, "staff").use(u.is_active, "active").use(joined, "joined");
            q.run(kInsertUser);
            ++report.users_added;
        }
        for (const auto& s : sweets) {
            if (exists(sql, kSweetExists, s.id, s.name)) {
                ++report.sweets_skipped;
                continue;
            }
            const auto price = domain::parse_money(s.price);
            if (std::holds_alternative<std::string>(price) || s.quantity < 0 || s.quantity > domain::kMaxQuantity) {
                if (say)
                    say("skipped sweet " + std::to_string(s.id) + " \"" + s.name + "\": price " + s.price +
                        ", quantity " + std::to_string(s.quantity) + " cannot be stored");
                ++report.sweets_skipped;
                continue;
            }
            const long long cents = std::get<std::int64_t>(price), created = parse_django_time(s.created),
                            updated = parse_django_time(s.updated);
            const long long creator_id = s.has_creator ? s.created_by : 0;
            const std::string creator = s.has_creator && usernames.count(s.created_by) ? usernames[s.created_by] : "";
            const std::string name_folded = domain::fold_case(s.name), category_folded = domain::fold_case(s.category);
            Query q(sql);
            q.use(s.id, "id").use(s.name, "name").use(name_folded, "name_folded").use(s.category, "category");
            q.use(category_folded, "category_folded").use(s.description, "description").use(cents, "price");
            q.use(s.quantity, "quantity").use(creator_id, "creator_id").use(creator, "creator");
            q.use(created, "created").use(updated, "updated");
            q.run(kInsertSweet);
            append_ledger(sql, s.id, s.name, domain::Actor{0, "import-django"}, "create", s.quantity, s.quantity,
                          domain::now_micros());
            ++report.sweets_added;
        }
        if (target.dialect() == Dialect::Postgres) {
            for (const char* statement : kPostgresSequences) {
                long long value = 0;
                Query q(sql);
                q.into(value);
                q.run(statement);
            }
        }
        return report;
    });
}

}  // namespace sweetshop::storage
