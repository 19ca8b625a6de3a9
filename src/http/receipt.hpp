#pragma once
// The printable receipt of an order: one self-contained HTML document (its style sheet from the same origin, so that
// it stays within the web app's Content-Security-Policy), times in the shop's time zone.
#include <string>

#include "domain/orders.hpp"
#include "domain/time_zone.hpp"

namespace sweetshop::http {

struct ReceiptShop {
    std::string name;
    std::string address;
};

std::string receipt_html(const domain::Order& order, const ReceiptShop& shop, const domain::ShopTimeZone& zone);

/// The receipt's style sheet (screen and print), served at /api/receipt.css.
extern const char* const kReceiptCss;

/// The Content-Security-Policy of the receipt: the web app's.
extern const char* const kReceiptPolicy;

}  // namespace sweetshop::http
