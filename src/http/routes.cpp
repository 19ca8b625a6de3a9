// The route table: every route of the API server, one entry each.
#include "http/routes.hpp"
#include "http/handlers.hpp"

namespace sweetshop::http {

namespace {
const std::vector<std::string> kListParameters = {"q",    "name",      "category", "min_price", "max_price", "ordering",
                                                  "page", "page_size", "active",   "stock",     "sku",       "barcode"};
const std::vector<std::string> kStorefrontParameters = {"q",        "category", "min_price", "max_price",
                                                        "ordering", "page",     "page_size"};
constexpr const char* kListDescription =
    "Filters are optional, combined with AND, and empty values are ignored. `q` is a search (below). `name` and "
    "`category` match a "
    "case-insensitive substring (Unicode letters included). Prices are compared exactly, in cents. Sorted by name "
    "(byte order of the UTF-8 name) unless `ordering` says otherwise; ties are broken by id. `next` and `previous` "
    "are absolute links that keep the other query parameters; the link to page 1 has no `page`.";
constexpr const char* kSearchDescription =
    "`q` searches: every word must begin a word of the name, the category or the description, ignoring case and "
    "accents (`creme` finds Crème Brûlée Bites, `bears fruit` finds Gummy Bears whose description says fruit); "
    "without `ordering`, the sweets whose name has every word come first, then alphabetically. `ordering=alphabetical` "
    "sorts names as people do (case and accents ignored, numbers by value: Bar 2 before Bar 10). ";
constexpr const char* kStorefrontDescription =
    "For anyone, without a token (SWEETSHOP_STOREFRONT, default on; off: 404): the sweets on sale, alphabetically "
    "unless `ordering` or `q` says otherwise, with `availability` (`in_stock`, `low` with `left` the units left at 5 "
    "or fewer, `sold_out`) instead of the count, and never the cost or the creator. Filters and pages as in the "
    "list. Cached per data version like the list.";
constexpr const char* kImportDescription =
    "The body is the CSV file itself (at most SWEETSHOP_MAX_UPLOAD_BYTES; 5,000 rows), UTF-8 with or without a BOM, "
    "fields separated by `,` or `;` (whichever the first line has more of; with `;` a price may have a decimal "
    "comma), quoted fields with doubled quotes and line breaks inside as RFC 4180 has them. The first row names the "
    "columns, in any order, case and spaces ignored: name (required), category, description, price, quantity, sku, "
    "barcode, reorder_level, cost (the owner only). A row is the sweet with its SKU, else with its exact name; an "
    "empty cell leaves a field as it is (a new sweet needs a category and a price). Without `apply=true` nothing "
    "changes: the answer lists each row (`row`: its number in the file, the header being 1, blank lines not counted) "
    "as create, update "
    "(`changes`: the fields that differ), unchanged or refused (`errors`: the field errors, as a create or an edit "
    "would answer them; a name, SKU or barcode taken by an earlier row; a sweet changed by two rows). With "
    "`apply=true` the same plan is written in one transaction, every quantity change in the ledger (noted `CSV "
    "import`) and "
    "every change in the audit log, and the answer is 200 with `applied: true`; any refused row makes it 400 with "
    "the plan and nothing written. A file that cannot be read is 400 on `csv`.";
constexpr const char* kPhotoDescription =
    "The body is the file (any Content-Type but multipart; at most SWEETSHOP_MAX_UPLOAD_BYTES, 5 MiB by default, "
    "else 413). It is checked by decoding it, not by its name or type: a JPEG, PNG or WebP of at most 64 megapixels "
    "(a larger one is refused from its header, before decoding), whole (a truncated file is refused). Its metadata "
    "(EXIF, GPS, XMP, ICC: colours are converted to sRGB) is dropped, it is turned upright, and two sizes are kept "
    "as WebP in the database: the card (fits 800 x 800) and the thumbnail (fits 240 x 240), never enlarged. Any 400 "
    "keeps the sweet as it was. The answer is the sweet, whose `image` and `thumbnail` now name the new files; the "
    "old ones are forgotten when no sweet shows them.";
constexpr const char* kImageDescription =
    "Served with `Cache-Control: public, max-age=31536000, immutable` and an ETag: the name is the digest of the "
    "picture, so a new photo has a new name. `If-None-Match` with the ETag answers 304.";
constexpr const char* kAdjustDescription =
    "Give `counted` (the quantity found) or `delta` (the change, not 0), and a `reason`: count, damaged, expired, "
    "sample or other; an optional `note` (up to 500 characters). The quantity and its ledger entry (with the reason, "
    "note and actor) change in one transaction; a change below 0 or past 2147483647 is refused with the quantity "
    "found. A count that finds what the books say is recorded too (delta 0). Archived sweets can be adjusted. "
    "Batches: units taken go first-expiry-first (as sales take them, then batches past their date), units added go "
    "to the undated stock; with `batch` (an id of this sweet's batches) the change acts on that batch first, and "
    "`counted` is that batch's count.";
constexpr const char* kBatchesDescription =
    "Each batch: its `best_before` date (null: undated) and `lot`, the `units` left to sell, the `expired_units` "
    "that passed their date and wait to be written off, `days_left` to its date (negative once past), and for the "
    "owner its `unit_cost` (the sweet's cost when it came in) and the `value` of what is left. Sales take the batch "
    "that expires first: dated batches by date, the oldest first within a date, and undated units (which never "
    "expire) last. The sweet's undated stock (units with no date nor lot) is listed last with `id` and "
    "`received_at` null.";
constexpr const char* kExpiringDescription =
    "Batches of existing sweets best before today + `days` (default 7, 0 to 366; 0: today) or earlier, with units "
    "for sale or expired units waiting to be written off, the earliest date first. Days are the shop's "
    "(SWEETSHOP_TIME_ZONE): a batch best before the 10th is sold through the 10th and leaves the sellable quantity "
    "at midnight that ends it. The totals: `units` left in them, and for the owner their `value` at cost (null when "
    "a batch has no cost).";
constexpr const char* kWriteOffDescription =
    "Writes off everything left in the batch: units still for sale leave the quantity with a ledger entry of reason "
    "`expired` (note \"Written off\" and yours), and with the expired ones are recorded as waste at the batch's "
    "unit cost; the batch's expiry alert closes. An optional `note` up to 500 characters. 400 when nothing is "
    "left.";
constexpr const char* kHistoryDescription =
    "Newest first, 50 per page (`page_size` up to 500), through an index on (sweet, entry): a page costs the same on "
    "a ledger of any size. `next` links to the older entries (`before` the last one shown); there is no count. A "
    "deleted sweet's history stays readable; 404 only for an id that never had any. Each entry lists the `batches` it "
    "changed (id, best-before date, lot, change).";
constexpr const char* kCountDescription =
    "Every line sets a sweet's quantity to what was counted, with a ledger entry of reason `count` (and the note) "
    "each, all in one transaction: an unknown sweet refuses the whole stocktake, and a sweet may appear once. "
    "`dry_run: true` answers the same differences without changing anything (what the books say now against the "
    "counts). The answer lists every line in the order given.";
constexpr const char* kPeopleForbidden = "Only the owner can manage people.";
constexpr const char* kPeopleDescription =
    "By username (byte order). `search` matches a part of the username or the email, ignoring ASCII case; `role` "
    "and `active` filter. `orders` counts the orders placed as the customer; `last_login` is null until the first "
    "sign-in.";
constexpr const char* kPersonChangeDescription =
    "`role` (customer, staff or owner) and `is_active`, either or both. Deactivating ends the user's access at once, "
    "on every server (their next request with any token is 401 `User is inactive`, and their refresh tokens are "
    "refused); reactivating lets them sign in again. A change that would leave the shop without an active owner is "
    "409, also when two owners demote each other at the same moment.";
constexpr const char* kResetDescription =
    "The answer shows the temporary password once: give it to the user. Their sessions end at once; at their next "
    "sign-in `must_change_password` is true, and every route but their account's own (`GET /api/auth/me/`, "
    "`POST /api/auth/password/`, `GET /api/auth/sessions/`) answers 403 `password_change_required` until they "
    "choose a new one.";
constexpr const char* kAuditForbidden = "Only the owner can read the audit log.";
constexpr const char* kAuditDescription =
    "Every staff and owner action, appended in the transaction of the change itself: `sign_in` (staff and owners), "
    "`sweet.create`, `sweet.edit` (each changed field with `before` and `after`; prices and costs as two-decimal "
    "strings), `sweet.archive`, `sweet.restore`, `sweet.photo`, `sweet.delete`, `stock.restock`, `stock.adjust`, "
    "`stock.count`, "
    "`order.refund`, `user.role`, `user.deactivate`, `user.reactivate`, `user.password_reset`, `account.password`. "
    "Filters combine with AND: `actor` (a username, exactly), `action` (exactly, or a group ending in a dot: "
    "`sweet.`), `subject_type` (sweet, order, user) and `subject` (its id), `from` and `to` (days in "
    "SWEETSHOP_TIME_ZONE, both included). 50 per page (`page_size` up to 500); `next` links to older entries "
    "(`before` the last one shown). `format=csv` streams every matching entry as CSV (the exports' format, "
    "`details` as JSON text).";
constexpr const char* kPasswordDescription =
    "`current_password` and `new_password` (8 to 128 characters, not the current one). A wrong current password "
    "counts as a failed login of the account, throttled the same way. Every other session of the user ends at once "
    "(this one stays), and a temporary password's mark is cleared.";
constexpr const char* kSessionDescription =
    "The same credentials, throttling and answers as `POST /api/auth/login/`, but the refresh token is not in the "
    "body: it is set in the cookie `sweetshop_refresh` (`HttpOnly; SameSite=Strict; Path=/api/auth/`, `Secure` "
    "when the shop is served over HTTPS, `Max-Age` the refresh lifetime). Keep the access token in memory.";
constexpr const char* kSessionRefreshDescription =
    "Reads the `sweetshop_refresh` cookie and answers a new access token and the user; the cookie is replaced by a "
    "new refresh token (rotation). Presenting a refresh token that was already rotated ends the whole session "
    "(401 `Token is blacklisted`): whoever holds a stolen copy is signed out with the owner. The token rotated "
    "away in the last 10 seconds is still taken, without a new cookie, so two tabs refreshing at once are not a "
    "theft. A refused cookie is cleared.";
constexpr const char* kLogoutDescription =
    "Ends the session of the `sweetshop_refresh` cookie or of `refresh` in the body (the body's when both), and "
    "clears the cookie. Its access and refresh tokens are refused from then on, on every server. A session that "
    "ended already, or an expired token, is fine (204).";
constexpr const char* kSalesReportDescription =
    "`from` and `to` are days in SWEETSHOP_TIME_ZONE, both included (default: the 30 days that end today; at most "
    "3660 days). A sale counts on the day its order was placed, a refund on the day it was made, so a past period "
    "never changes. Money is exact: two-decimal strings from integer cents (negative where refunds exceed sales). "
    "`cost` is the known unit cost of the units sold (kept on each order line at the time of sale), less that of "
    "units refunded back to stock; `uncosted_units` counts units sold without a known cost, which the profit "
    "leaves out. `margin` is gross profit over net revenue in percent with one decimal (null without revenue). "
    "Day, week (from Monday) and month rows cover the whole period, with zeros where nothing sold; sweet rows are "
    "by sweet id (its name now), category rows by the category each line was sold under. Totals count each order "
    "once. `cost`, `gross_profit`, `margin` and `uncosted_units` are in the owner's answers only.";
constexpr const char* kExportDescription =
    "`text/csv; charset=utf-8` as RFC 4180 writes it (every field quoted, quotes doubled, CRLF after each record, a "
    "header row first), as an attachment. Text that people typed (names, notes, usernames) starting with `=`, `+`, "
    "`-`, `@`, a tab or a carriage return gets a `'` in front, so that a spreadsheet shows it instead of running "
    "it. Times are in SWEETSHOP_TIME_ZONE (`YYYY-MM-DD HH:MM`; the `_utc` columns in ISO 8601), money in "
    "two-decimal strings. Streamed in batches of 1000 rows with chunked transfer encoding: any size takes the same "
    "memory. `from` and `to` (days, both included) limit the rows by time; `format` may only be `csv`. The cost "
    "columns (`unit_cost`; `cost` and `value_at_cost`) are in the owner's exports only.";
constexpr const char* kStockDescription =
    "One conditional UPDATE in one transaction, with a ledger entry (and, for a purchase, a sale record) in the same "
    "transaction. With an `Idempotency-Key` header, the first answer for the key (a success, `Insufficient stock`, "
    "a 404 for a missing sweet, or the restock limit) is stored with the change and kept 24 hours: a retry with the "
    "same key, sweet and "
    "amount gets it again with `Idempotent-Replayed: true` and changes nothing; the same key for another sweet or "
    "amount gets 422; a retry while the first request still runs gets 409. Errors in the request itself "
    "(authentication, permission, the amount's field errors, a malformed key) are not stored; a missing sweet with an "
    "invalid amount is answered 404 and not stored either. Keys are scoped to "
    "the user. The checks run in this order: authentication, permission, key format, the sweet's existence, the "
    "amount.";

constexpr const char* kOrderDescription =
    "Every line is sold or none, in one transaction that changes the sweets in id order (so concurrent orders never "
    "deadlock and never oversell). Names and prices are kept as sold. A customer orders for themselves; staff may "
    "send `customer` (a username, or null for a walk-in sale) to sell at the counter, recorded with them as "
    "`seller` and with a `payment` (required then; `tendered` for cash only, at least the total). Refusals change "
    "nothing: field errors (per line, aligned with `lines`), an unknown sweet, or `Insufficient stock` listing every "
    "short line. `Idempotency-Key` works as on a purchase, refusals included. A purchase of one sweet "
    "(`POST /api/sweets/{id}/purchase/`) is recorded as an order of one line.";

/// A purchase or restock: the stock change's body and answers, and its Idempotency-Key.
RouteDoc stock_change_doc(const char* summary, const char* refused = "FieldErrors") {
    return {.summary = summary,
            .request_schema = "StockChange",
            .responses =
                {{200, "Sweet"}, {400, refused}, {404, "Detail"}, {409, "Detail"}, {422, "Detail"}, {429, "Detail"}},
            .parameters = {"IdempotencyKey"},
            .description = kStockDescription};
}
}  // namespace

const std::vector<Route>& api_routes() {
    using namespace handlers;
    static const std::vector<Route> routes = {
        {.method = "GET",
         .pattern = "/api/",
         .access = Access::Optional,
         .pool = Pool::Inline,
         .handler = api_root,
         .doc = {.summary = "API root: links to the resources", .responses = {{200, "ApiRoot"}}}},
        {.method = "GET",
         .pattern = "/api/shop/",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = shop_info,
         .doc = {.summary = "The shop: its name and address, and how people see its money, numbers and times",
                 .responses = {{200, "Shop"}},
                 .description = "The web app reads it once at start: `currency` (ISO 4217) and `locale` (BCP 47) "
                                "say how it writes money and numbers (`SWEETSHOP_CURRENCY`, `SWEETSHOP_LOCALE`), "
                                "`time_zone` where the shop's days begin (`SWEETSHOP_TIME_ZONE`)."}},
        {.method = "POST",
         .pattern = "/api/auth/register/",
         .access = Access::Optional,
         .pool = Pool::Hashing,
         .handler = register_user,
         .json_body = true,
         .doc = {.summary = "Register an account (does not log in)",
                 .request_schema = "Registration",
                 .responses = {{201, "RegisteredUser"}, {400, "FieldErrors"}}}},
        {.method = "POST",
         .pattern = "/api/auth/login/",
         .access = Access::Public,
         .pool = Pool::Hashing,
         .handler = login,
         .json_body = true,
         .doc = {.summary = "Log in: a refresh and an access token",
                 .request_schema = "Login",
                 .responses = {{200, "LoginResult"}, {400, "FieldErrors"}, {401, "Detail"}, {429, "Detail"}}}},
        {.method = "POST",
         .pattern = "/api/auth/token/refresh/",
         .access = Access::Public,
         .pool = Pool::Database,
         .handler = refresh_token,
         .json_body = true,
         .doc = {.summary = "A new access token for a refresh token",
                 .request_schema = "Refresh",
                 .responses = {{200, "AccessToken"}, {400, "FieldErrors"}, {401, "TokenError"}}}},
        {.method = "GET",
         .pattern = "/api/auth/me/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = current_user,
         .doc = {.summary = "The user the access token belongs to, as stored now", .responses = {{200, "User"}}},
         .with_temporary_password = true},
        {.method = "PATCH",
         .pattern = "/api/auth/me/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = update_account,
         .json_body = true,
         .doc = {.summary = "Change your email",
                 .request_schema = "AccountChange",
                 .responses = {{200, "User"}, {400, "FieldErrors"}}}},
        {.method = "POST",
         .pattern = "/api/auth/password/",
         .access = Access::User,
         .pool = Pool::Hashing,
         .handler = change_password,
         .json_body = true,
         .doc = {.summary = "Change your password; your other sessions end",
                 .request_schema = "PasswordChange",
                 .responses = {{200, "User"}, {400, "FieldErrors"}, {429, "Detail"}},
                 .description = kPasswordDescription},
         .with_temporary_password = true},
        {.method = "POST",
         .pattern = "/api/auth/session/",
         .access = Access::Public,
         .pool = Pool::Hashing,
         .handler = start_session,
         .json_body = true,
         .doc = {.summary = "Sign in (the web app): an access token, and the refresh token in a cookie",
                 .request_schema = "Login",
                 .responses = {{200, "SessionStart"}, {400, "FieldErrors"}, {401, "Detail"}, {429, "Detail"}},
                 .description = kSessionDescription}},
        {.method = "POST",
         .pattern = "/api/auth/session/refresh/",
         .access = Access::Public,
         .pool = Pool::Database,
         .handler = refresh_session,
         .doc = {.summary = "A new access token for the session cookie, which rotates",
                 .responses = {{200, "SessionStart"}, {401, "TokenError"}},
                 .description = kSessionRefreshDescription}},
        {.method = "POST",
         .pattern = "/api/auth/logout/",
         .access = Access::Public,
         .pool = Pool::Database,
         .handler = logout,
         .json_body = true,
         .doc = {.summary = "Sign out: ends the session of the cookie, or of `refresh` in the body",
                 .request_schema = "Logout",
                 .responses = {{204, ""}, {400, "FieldErrors"}, {401, "TokenError"}},
                 .description = kLogoutDescription}},
        {.method = "GET",
         .pattern = "/api/auth/sessions/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = list_sessions,
         .doc = {.summary = "Your open sessions, newest first", .responses = {{200, "SessionList"}}},
         .with_temporary_password = true},
        {.method = "POST",
         .pattern = "/api/auth/sessions/end-others/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = end_other_sessions,
         .doc = {.summary = "End all your sessions but this one", .responses = {{200, "SessionsEnded"}}}},
        {.method = "DELETE",
         .pattern = "/api/auth/sessions/{id}/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = end_session,
         .doc = {.summary = "End one of your sessions (its tokens are refused at once, on every server)",
                 .responses = {{204, ""}, {404, "Detail"}}}},
        {.method = "GET",
         .pattern = "/api/sweets/",
         .access = Access::User,
         .pool = Pool::CacheFirst,
         .handler = list_sweets,
         .doc = {.summary = "List sweets: filters, ordering, pages of 25 (page_size up to 100)",
                 .responses = {{200, "SweetPage"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .parameters = kListParameters,
                 .description = std::string(kListDescription) + " " + kSearchDescription}},
        {.method = "POST",
         .pattern = "/api/sweets/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = create_sweet,
         .forbidden = "Only admins can add sweets.",
         .json_body = true,
         .doc = {.summary = "Add a sweet (admin); its initial stock is recorded in the ledger",
                 .request_schema = "SweetCreate",
                 .responses = {{201, "Sweet"}, {400, "FieldErrors"}}}},
        {.method = "GET",
         .pattern = "/api/sweets/search/",
         .access = Access::User,
         .pool = Pool::CacheFirst,
         .handler = list_sweets,
         .doc = {.summary = "Search sweets: identical to the list",
                 .responses = {{200, "SweetPage"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .parameters = kListParameters,
                 .description = std::string(kListDescription) + " " + kSearchDescription}},
        {.method = "GET",
         .pattern = "/api/storefront/sweets/",
         .access = Access::Public,
         .pool = Pool::CacheFirst,
         .handler = storefront_sweets,
         .doc = {.summary = "The storefront: browse and search the sweets on sale without an account",
                 .responses = {{200, "StorefrontPage"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .parameters = kStorefrontParameters,
                 .description = std::string(kStorefrontDescription) + " " + kSearchDescription}},
        {.method = "GET",
         .pattern = "/api/storefront/sweets/{id}/",
         .access = Access::Public,
         .pool = Pool::CacheFirst,
         .handler = storefront_sweet,
         .doc = {.summary = "One sweet of the storefront (404 when not on sale)",
                 .responses = {{200, "StorefrontSweet"}, {404, "Detail"}},
                 .description = kStorefrontDescription}},
        {.method = "GET",
         .pattern = "/api/sweets/{id}/",
         .access = Access::User,
         .pool = Pool::CacheFirst,
         .handler = get_sweet,
         .doc = {.summary = "One sweet", .responses = {{200, "Sweet"}, {404, "Detail"}}}},
        {.method = "PUT",
         .pattern = "/api/sweets/{id}/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = replace_sweet,
         .forbidden = "Only admins can update sweets.",
         .json_body = true,
         .doc = {.summary = "Edit a sweet (admin): name, category and price required; description and quantity "
                            "unchanged if absent",
                 .request_schema = "SweetUpdate",
                 .responses = {{200, "Sweet"}, {400, "FieldErrors"}, {404, "Detail"}}}},
        {.method = "PATCH",
         .pattern = "/api/sweets/{id}/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = patch_sweet,
         .forbidden = "Only admins can update sweets.",
         .json_body = true,
         .doc = {.summary = "Edit some fields of a sweet (admin)",
                 .request_schema = "SweetPatch",
                 .responses = {{200, "Sweet"}, {400, "FieldErrors"}, {404, "Detail"}}}},
        {.method = "DELETE",
         .pattern = "/api/sweets/{id}/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = delete_sweet,
         .forbidden = "Only admins can delete sweets.",
         .doc = {.summary = "Delete a sweet (admin); its ledger and sales are kept",
                 .responses = {{204, ""}, {404, "Detail"}}}},
        {.method = "POST",
         .pattern = "/api/sweets/import/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = import_catalogue,
         .forbidden = "Only staff can import the catalogue.",
         .doc = {.summary = "Import the catalogue from CSV (staff): a dry run unless ?apply=true",
                 .request_schema = "csv",
                 .responses = {{200, "ImportPlan"}, {400, "ImportRefused"}, {409, "Detail"}},
                 .parameters = {"import_apply"},
                 .description = kImportDescription},
         .upload = true},
        {.method = "PUT",
         .pattern = "/api/sweets/{id}/image/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = put_sweet_image,
         .forbidden = "Only staff can change photos.",
         .doc = {.summary = "Give a sweet its photo (staff): the body is the JPEG, PNG or WebP file itself",
                 .request_schema = "image",
                 .responses = {{200, "Sweet"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .description = kPhotoDescription},
         .upload = true},
        {.method = "DELETE",
         .pattern = "/api/sweets/{id}/image/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = delete_sweet_image,
         .forbidden = "Only staff can change photos.",
         .doc = {.summary = "Take a sweet's photo away (staff)", .responses = {{200, "Sweet"}, {404, "Detail"}}}},
        {.method = "GET",
         .pattern = "/api/images/{file*}/",
         .access = Access::Public,
         .pool = Pool::Database,
         .handler = get_image,
         .doc = {.summary = "A photo, by the name in a sweet's `image` or `thumbnail` (WebP)",
                 .responses = {{200, "webp"}, {304, ""}, {404, "Detail"}},
                 .description = kImageDescription}},
        {.method = "POST",
         .pattern = "/api/sweets/{id}/purchase/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = purchase_sweet,
         .json_body = true,
         .doc = stock_change_doc("Buy an amount of a sweet: atomic, never below zero", "PurchaseErrors")},
        {.method = "POST",
         .pattern = "/api/sweets/{id}/restock/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = restock_sweet,
         .forbidden = "Only admins can restock.",
         .json_body = true,
         .doc = stock_change_doc("Add stock to a sweet (admin): atomic, never past 2147483647")},
        {.method = "POST",
         .pattern = "/api/sweets/{id}/adjust/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = adjust_sweet,
         .forbidden = "Only staff can adjust stock.",
         .json_body = true,
         .doc = {.summary = "Adjust a sweet's stock (staff): the quantity counted, or a change, with a reason",
                 .request_schema = "Adjustment",
                 .responses = {{200, "AdjustmentResult"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .description = kAdjustDescription}},
        {.method = "GET",
         .pattern = "/api/sweets/{id}/history/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = sweet_history,
         .forbidden = "Only staff can read stock history.",
         .doc = {.summary = "A sweet's stock ledger, newest first (staff)",
                 .responses = {{200, "HistoryPage"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .parameters = {"before", "history_page_size"},
                 .description = kHistoryDescription}},
        {.method = "GET",
         .pattern = "/api/sweets/{id}/batches/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = sweet_batches,
         .forbidden = "Only staff can see batches.",
         .doc = {.summary = "A sweet's batches with units left, in the order sales take them (staff)",
                 .responses = {{200, "Batches"}, {404, "Detail"}},
                 .description = kBatchesDescription}},
        {.method = "GET",
         .pattern = "/api/stock/expiring/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = expiring_stock,
         .forbidden = "Only staff can see expiring stock.",
         .doc = {.summary = "Batches past their date and those expiring within ?days=N, the earliest first (staff)",
                 .responses = {{200, "ExpiringStock"}, {400, "FieldErrors"}},
                 .parameters = {"expiring_days"},
                 .description = kExpiringDescription}},
        {.method = "POST",
         .pattern = "/api/stock/batches/{id}/write-off/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = write_off_batch,
         .forbidden = "Only staff can write stock off.",
         .json_body = true,
         .doc = {.summary = "Write off everything left in a batch as waste, with its value (staff)",
                 .request_schema = "WriteOff",
                 .responses = {{200, "WriteOffResult"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .description = kWriteOffDescription}},
        {.method = "POST",
         .pattern = "/api/stock/count/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = count_stock,
         .forbidden = "Only staff can count stock.",
         .json_body = true,
         .doc = {.summary = "A stocktake (staff): the quantities counted of many sweets, in one transaction",
                 .request_schema = "Stocktake",
                 .responses = {{200, "StocktakeResult"}, {400, "FieldErrors"}},
                 .description = kCountDescription}},
        {.method = "GET",
         .pattern = "/api/stock/low/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = low_stock,
         .forbidden = "Only staff can see low stock.",
         .doc = {.summary = "Sweets at or below their reorder level, most urgent first, with a suggested restock "
                            "(staff)",
                 .responses = {{200, "LowStock"}}}},
        {.method = "GET",
         .pattern = "/api/users/",
         .access = Access::Owner,
         .pool = Pool::Database,
         .handler = list_users,
         .forbidden = kPeopleForbidden,
         .doc = {.summary = "The users (owner): role, whether they may sign in, joined, last login, orders",
                 .responses = {{200, "PersonPage"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .parameters = {"user_search", "user_role", "user_active", "page", "page_size"},
                 .description = kPeopleDescription}},
        {.method = "GET",
         .pattern = "/api/users/{id}/",
         .access = Access::Owner,
         .pool = Pool::Database,
         .handler = get_user,
         .forbidden = kPeopleForbidden,
         .doc = {.summary = "One user (owner)", .responses = {{200, "Person"}, {404, "Detail"}}}},
        {.method = "PATCH",
         .pattern = "/api/users/{id}/",
         .access = Access::Owner,
         .pool = Pool::Database,
         .handler = update_user,
         .forbidden = kPeopleForbidden,
         .json_body = true,
         .doc = {.summary = "Change a user's role or whether they may sign in (owner)",
                 .request_schema = "PersonChange",
                 .responses = {{200, "Person"}, {400, "FieldErrors"}, {404, "Detail"}, {409, "Detail"}},
                 .description = kPersonChangeDescription}},
        {.method = "POST",
         .pattern = "/api/users/{id}/password/",
         .access = Access::Owner,
         .pool = Pool::Hashing,
         .handler = reset_password,
         .forbidden = kPeopleForbidden,
         .doc = {.summary = "Give a user a temporary password (owner)",
                 .responses = {{200, "TemporaryPassword"}, {404, "Detail"}},
                 .description = kResetDescription}},
        {.method = "GET",
         .pattern = "/api/audit/",
         .access = Access::Owner,
         .pool = Pool::Database,
         .handler = list_audit,
         .forbidden = kAuditForbidden,
         .doc = {.summary = "The audit log (owner): newest first, filtered; `format=csv` for all of it",
                 .responses = {{200, "AuditPage"}, {400, "FieldErrors"}},
                 .parameters = {"audit_actor", "audit_action", "audit_subject_type", "audit_subject", "export_from",
                                "export_to", "before", "history_page_size", "audit_format"},
                 .description = kAuditDescription}},
        {.method = "GET",
         .pattern = "/api/reports/sales/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = sales_report,
         .forbidden = "Only staff can see reports.",
         .doc = {.summary = "Sales over a period (staff; cost, profit and margin for the owner): orders, units, "
                            "revenue, refunds, "
                            "by day, week, month, sweet or category, with totals",
                 .responses = {{200, "SalesReport"}, {400, "FieldErrors"}},
                 .parameters = {"report_from", "report_to", "report_group"},
                 .description = kSalesReportDescription}},
        {.method = "GET",
         .pattern = "/api/reports/best-sellers/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = best_sellers,
         .forbidden = "Only staff can see reports.",
         .doc = {.summary = "The sweets that sold most over a period, by net units or net revenue (staff)",
                 .responses = {{200, "BestSellers"}, {400, "FieldErrors"}},
                 .parameters = {"report_from", "report_to", "best_by", "best_limit"}}},
        {.method = "GET",
         .pattern = "/api/reports/stock/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = stock_report,
         .forbidden = "Only staff can see reports.",
         .doc = {.summary = "Stock now (staff; the value at cost for the owner): units and their value at price and at "
                            "cost, per category and in "
                            "total, and the sweets at or below their reorder level",
                 .responses = {{200, "StockValueReport"}}}},
        {.method = "GET",
         .pattern = "/api/exports/orders/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = export_orders,
         .forbidden = "Only staff can export.",
         .doc = {.summary = "Every order placed in the period, as CSV (staff)",
                 .responses = {{200, ""}, {400, "FieldErrors"}},
                 .parameters = {"export_from", "export_to", "export_format"},
                 .description = kExportDescription}},
        {.method = "GET",
         .pattern = "/api/exports/order-lines/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = export_order_lines,
         .forbidden = "Only staff can export.",
         .doc = {.summary =
                     "Every line of the orders placed in the period, with its unit cost for the owner, as CSV (staff)",
                 .responses = {{200, ""}, {400, "FieldErrors"}},
                 .parameters = {"export_from", "export_to", "export_format"},
                 .description = kExportDescription}},
        {.method = "GET",
         .pattern = "/api/exports/ledger/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = export_ledger,
         .forbidden = "Only staff can export.",
         .doc = {.summary = "The stock ledger's entries of the period, as CSV (staff)",
                 .responses = {{200, ""}, {400, "FieldErrors"}},
                 .parameters = {"export_from", "export_to", "export_format"},
                 .description = kExportDescription}},
        {.method = "GET",
         .pattern = "/api/exports/stock/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = export_stock,
         .forbidden = "Only staff can export.",
         .doc = {.summary = "Every sweet with its stock and its value now, as CSV (staff)",
                 .responses = {{200, ""}, {400, "FieldErrors"}},
                 .parameters = {"export_format"},
                 .description = kExportDescription}},
        {.method = "GET",
         .pattern = "/api/exports/catalogue/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = export_catalogue,
         .forbidden = "Only staff can export.",
         .doc = {.summary = "Every sweet in the import's columns, as CSV (staff; cost for the owner)",
                 .responses = {{200, "csv"}},
                 .description = "The columns of `POST /api/sweets/import/`, in its order: name, category, "
                                "description, price, quantity, sku, barcode, reorder_level, and cost for the owner "
                                "(staff's file has no cost column, and imports back as it is). UTF-8, RFC 4180, "
                                "streamed; a text a spreadsheet would run as a formula gets a ' in front, which "
                                "the import takes off again."}},
        {.method = "GET",
         .pattern = "/api/stock/alerts/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = stock_alerts,
         .forbidden = "Only staff can see stock alerts.",
         .doc = {.summary = "Low-stock alerts, newest first: the open ones, or all with ?status=all (staff)",
                 .responses = {{200, "StockAlerts"}, {400, "FieldErrors"}},
                 .parameters = {"alert_status", "alert_page_size"}}},
        {.method = "POST",
         .pattern = "/api/orders/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = place_order,
         .json_body = true,
         .doc = {.summary = "Place an order of several lines (or, staff, a counter sale)",
                 .request_schema = "OrderCreate",
                 .responses = {{201, "Order"},
                               {400, "OrderErrors"},
                               {403, "Detail"},
                               {409, "Detail"},
                               {422, "Detail"},
                               {429, "Detail"}},
                 .parameters = {"IdempotencyKey"},
                 .description = kOrderDescription}},
        {.method = "GET",
         .pattern = "/api/orders/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = list_orders,
         .doc = {.summary = "Orders, newest first: a customer's own, or (staff) everyone's",
                 .responses = {{200, "OrderPage"}, {400, "FieldErrors"}, {404, "Detail"}},
                 .parameters = {"customer", "from", "to", "status", "page", "page_size"}}},
        {.method = "GET",
         .pattern = "/api/orders/{number}/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = get_order,
         .doc = {.summary = "One order, for its customer or staff (anyone else: 404)",
                 .responses = {{200, "Order"}, {404, "Detail"}}}},
        {.method = "POST",
         .pattern = "/api/orders/{number}/refund/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = refund_order,
         .forbidden = domain::kRefundForbidden,
         .json_body = true,
         .doc = {.summary = "Refund lines of an order (staff), restocked or written off",
                 .request_schema = "RefundCreate",
                 .responses = {{200, "Order"},
                               {400, "OrderErrors"},
                               {404, "Detail"},
                               {409, "Detail"},
                               {422, "Detail"},
                               {429, "Detail"}},
                 .parameters = {"IdempotencyKey"},
                 .description = "The lines refunded (each at most what was sold minus what was refunded before), "
                                "`restock` (true: the units go back to stock, with ledger entries naming the order; "
                                "false: written off), and why. Who and when are recorded. `Idempotency-Key` works as "
                                "on a purchase."}},
        {.method = "GET",
         .pattern = "/api/orders/{number}/receipt/",
         .access = Access::User,
         .pool = Pool::Database,
         .handler = order_receipt,
         .doc = {.summary = "The order's printable receipt (HTML), for its customer or staff",
                 .responses = {{200, "html"}, {404, "Detail"}},
                 .description = "A self-contained document (its style sheet from /api/receipt.css) with the shop's "
                                "name and address, the number, the date and time in SWEETSHOP_TIME_ZONE, the seller, "
                                "the lines, totals, payment and refunds."}},
        {.method = "GET",
         .pattern = "/api/receipt.css",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = receipt_css,
         .doc = {.summary = "The receipts' style sheet", .hidden = true}},
        {.method = "GET",
         .pattern = "/api/admin/stock/verify/",
         .access = Access::Admin,
         .pool = Pool::Database,
         .handler = verify_stock,
         .forbidden = "You do not have permission to perform this action.",
         .doc = {.summary = "Check every sweet's quantity against the sum of its stock ledger (admin)",
                 .responses = {{200, "StockReport"}}}},
        {.method = "GET",
         .pattern = "/api/health/",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = health,
         .doc = {.summary = "Liveness: {\"status\":\"ok\"}", .responses = {{200, "Health"}}},
         .any_origin = true},
        {.method = "GET",
         .pattern = "/api/metrics/sweets/",
         .access = Access::Public,
         .pool = Pool::CacheFirst,
         .handler = sweet_metrics,
         .doc = {.summary = "Per category: how many sweets and their total stock, ordered by category",
                 .responses = {{200, "CategoryMetrics"}, {503, "Detail"}}},
         .any_origin = true},
        {.method = "GET",
         .pattern = "/metrics/",
         .access = Access::Public,
         .pool = Pool::Database,
         .handler = prometheus,
         .doc =
             {.summary =
                  "Prometheus metrics (text format 0.0.4): requests, latency, sales, low stock, database pool, process",
              .responses = {{200, ""}, {401, "Detail"}, {403, "Detail"}},
              .description =
                  "Public unless `SWEETSHOP_METRICS_TOKEN` (then `Authorization: Bearer <token>`, else 401) or "
                  "`SWEETSHOP_METRICS_ALLOW` (then only those addresses, else 403) is set."}},
        {.method = "GET",
         .pattern = "/api/schema/",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = schema,
         .doc = {.summary = "This OpenAPI document (JSON; ?format=yaml for YAML)", .responses = {{200, ""}}}},
        {.method = "GET",
         .pattern = "/api/docs/",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = docs_page,
         .doc = {.summary = "Interactive API documentation (HTML)", .responses = {{200, ""}}}},
        {.method = "GET",
         .pattern = "/api/docs/{asset*}/",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = docs_asset,
         .doc = {.summary = "", .hidden = true}},
    };
    return routes;
}

const std::vector<Route>& metrics_routes() {
    using namespace handlers;
    static const std::vector<Route> routes = {
        {.method = "GET",
         .pattern = "/health/",
         .access = Access::Public,
         .pool = Pool::Inline,
         .handler = health,
         .doc = {.summary = "Liveness", .responses = {{200, "Health"}}}},
        {.method = "GET",
         .pattern = "/metrics/sweets/",
         .access = Access::Public,
         .pool = Pool::CacheFirst,
         .handler = sweet_metrics,
         .doc = {.summary = "Per-category metrics", .responses = {{200, "CategoryMetrics"}, {503, "Detail"}}}},
    };
    return routes;
}

}  // namespace sweetshop::http
