#pragma once
// The low-stock alerts' webhook (SWEETSHOP_ALERT_WEBHOOK): a thread of each server that sends the alerts waiting in
// the outbox, POSTing each as JSON with libcurl, off the request path (a sale never waits for it or fails by it).
#include <memory>
#include <string>

#include "app/periodic.hpp"
#include "domain/stock_control.hpp"
#include "storage/stock_control_store.hpp"

namespace sweetshop::app {

/// POSTs an alert as JSON: {"id","event","shop","sweet":{"id","name"},"quantity","reorder_level","suggested",
/// "opened_at","text"}; `text` is a sentence that Slack-style receivers show as it is.
class CurlAlertSink final : public domain::AlertSink {
  public:
    CurlAlertSink(std::string url, std::string shop_name);
    std::optional<std::string> send(const domain::StockAlert& alert) override;
    static std::string payload(const domain::StockAlert& alert, const std::string& shop_name);

  private:
    std::string url_;
    std::string shop_name_;
};

/// Runs AlertDelivery about once a second (and once at start) until destroyed.
class AlertWebhook {
  public:
    AlertWebhook(storage::Database& db, const std::string& url, const std::string& shop_name,
                 std::chrono::seconds retry, const domain::Clock& clock);

  private:
    storage::SqlAlertOutbox outbox_;
    CurlAlertSink sink_;
    domain::AlertDelivery delivery_;
    Periodic rounds_;  ///< last: stopped (and joined) before the rest goes
};

}  // namespace sweetshop::app
