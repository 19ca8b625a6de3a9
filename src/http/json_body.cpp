#include "http/json_body.hpp"

namespace sweetshop::http {

namespace {
/// The first pass: checks the syntax and the depth, and collects NumberTexts, without building anything.
class Scan final : public nlohmann::json_sax<BodyJson> {
  public:
    explicit Scan(NumberTexts& numbers) : numbers_(numbers) {}

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t& text) override {
        if (depth_ == 1 && in_object_) numbers_.insert_or_assign(key_, text);
        return true;
    }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return enter(true); }
    bool key(string_t& key) override {
        if (depth_ == 1) key_ = key;
        return true;
    }
    bool end_object() override { return leave(); }
    bool start_array(std::size_t) override { return enter(false); }
    bool end_array() override { return leave(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        reason_ = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, ..." -> the part after the bracket.
        if (auto close = reason_.find("] "); reason_.rfind("[json.exception", 0) == 0 && close != std::string::npos)
            reason_ = reason_.substr(close + 2);
        constexpr std::size_t kMaxReason = 200;  // an overflowing number is quoted whole; the body may be 1 MiB
        if (reason_.size() > kMaxReason) reason_ = reason_.substr(0, kMaxReason) + "...";
        return false;
    }

    const std::string& reason() const { return reason_; }

  private:
    bool enter(bool object) {
        if (++depth_ > kMaxJsonDepth) {
            reason_ = "nesting is deeper than " + std::to_string(kMaxJsonDepth) + " levels";
            return false;
        }
        if (depth_ == 1) in_object_ = object;
        return true;
    }
    bool leave() {
        --depth_;
        return true;
    }

    NumberTexts& numbers_;
    int depth_ = 0;
    bool in_object_ = false;
    std::string key_;
    std::string reason_;
};
}  // namespace

std::variant<JsonBody, JsonSyntaxError> parse_json_body(std::string_view text) {
    JsonBody body;
    Scan scan(body.numbers);
    if (!BodyJson::sax_parse(text.begin(), text.end(), &scan)) return JsonSyntaxError{scan.reason()};
    // The scan accepted the same grammar, so this cannot fail; a tree of at most kMaxJsonDepth levels.
    body.value = BodyJson::parse(text.begin(), text.end());
    return body;
}

}  // namespace sweetshop::http
