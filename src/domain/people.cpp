#include "domain/people.hpp"

#include "domain/error.hpp"

namespace sweetshop::domain {

Page<Person> People::list(const PeopleListing& listing) {
    Page<Person> page;
    page.count = store_.count(listing.filter);
    const auto span = resolve_page(page.count, listing.page_size, listing.page);
    page.page = span.page;
    page.pages = span.pages;
    page.items = store_.list(listing.filter, listing.page_size, span.offset);
    return page;
}

Person People::get(std::int64_t id) {
    auto person = store_.find(id);
    if (!person) throw Error(ErrorCode::NotFound, kNotFound);
    return *person;
}

Person People::change(std::int64_t id, const PersonChange& change, const Actor& actor) {
    switch (store_.change(id, change, actor, clock_.now())) {
        case PeopleStore::Changed::NotFound:
            throw Error(ErrorCode::NotFound, kNotFound);
        case PeopleStore::Changed::LastOwner:
            throw Error(ErrorCode::Conflict, kLastOwner);
        case PeopleStore::Changed::Done:
            break;
    }
    return get(id);
}

std::string temporary_password(const std::function<std::string(std::size_t)>& random_hex) {
    const auto hex = random_hex(6);
    return hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4);
}

std::string People::reset_password(std::int64_t id, const Actor& actor) {
    auto password = temporary_password(random_hex_);
    if (!store_.reset_password(id, hasher_.hash(password), actor, clock_.now()))
        throw Error(ErrorCode::NotFound, kNotFound);
    return password;
}

}  // namespace sweetshop::domain
