#include "app/alert_webhook.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace sweetshop::app {

namespace {
struct CurlEasy {
    CURL* handle = curl_easy_init();
    curl_slist* headers = nullptr;
    ~CurlEasy() {
        if (headers) curl_slist_free_all(headers);
        if (handle) curl_easy_cleanup(handle);
    }
};

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
    return size * count;  // the receiver's body is not needed
}
}  // namespace

CurlAlertSink::CurlAlertSink(std::string url, std::string shop_name)
    : url_(std::move(url)), shop_name_(std::move(shop_name)) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string CurlAlertSink::payload(const domain::StockAlert& a, const std::string& shop_name) {
    if (a.batch) {  // an expiry alert
        std::string text = "Expiring soon at ";
        text.append(shop_name).append(": ").append(std::to_string(a.quantity)).append(" of ").append(a.sweet_name);
        text.append(" best before ").append(a.best_before.value_or("")).append(" (batch ");
        text.append(std::to_string(*a.batch)).append(").");
        nlohmann::ordered_json j{{"id", a.id},
                                 {"event", "expiry"},
                                 {"shop", shop_name},
                                 {"sweet", {{"id", a.sweet_id}, {"name", a.sweet_name}}},
                                 {"batch", *a.batch},
                                 {"best_before", a.best_before.value_or("")},
                                 {"quantity", a.quantity},
                                 {"opened_at", domain::format_timestamp(a.opened_at)},
                                 {"text", text}};
        return j.dump();
    }
    const std::string text = "Low stock at " + shop_name + ": " + a.sweet_name + " has " + std::to_string(a.quantity) +
                             " left (reorder level " + std::to_string(a.reorder_level) + "); suggested restock " +
                             std::to_string(a.suggested) + ".";
    nlohmann::ordered_json j{{"id", a.id},
                             {"event", "low_stock"},
                             {"shop", shop_name},
                             {"sweet", {{"id", a.sweet_id}, {"name", a.sweet_name}}},
                             {"quantity", a.quantity},
                             {"reorder_level", a.reorder_level},
                             {"suggested", a.suggested},
                             {"opened_at", domain::format_timestamp(a.opened_at)},
                             {"text", text}};
    return j.dump();
}

std::optional<std::string> CurlAlertSink::send(const domain::StockAlert& alert) {
    CurlEasy curl;
    if (!curl.handle) return "could not start a transfer";
    const auto body = payload(alert, shop_name_);
    curl.headers = curl_slist_append(curl.headers, "Content-Type: application/json");
    curl_easy_setopt(curl.handle, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl.handle, CURLOPT_HTTPHEADER, curl.headers);
    curl_easy_setopt(curl.handle, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl.handle, CURLOPT_USERAGENT, "sweetshop-alerts/1");
    curl_easy_setopt(curl.handle, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl.handle, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl.handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.handle, CURLOPT_WRITEFUNCTION, discard);
    const auto rc = curl_easy_perform(curl.handle);
    if (rc != CURLE_OK) return std::string(curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(curl.handle, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) return "HTTP " + std::to_string(status);
    return std::nullopt;
}

AlertWebhook::AlertWebhook(storage::Database& db, const std::string& url, const std::string& shop_name,
                           std::chrono::seconds retry, const domain::Clock& clock)
    : outbox_(db),
      sink_(url, shop_name),
      delivery_(outbox_, sink_, clock, retry),
      rounds_("low-stock alerts", std::chrono::seconds(1), [this] {
          if (const int sent = delivery_.run_once()) spdlog::info("sent {} low-stock alert(s) to the webhook", sent);
      }) {}

}  // namespace sweetshop::app
