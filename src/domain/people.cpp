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

Person People::change(std::int64_t id, const PersonChange& change) {
    switch (store_.change(id, change)) {
        case PeopleStore::Changed::NotFound:
            throw Error(ErrorCode::NotFound, kNotFound);
        case PeopleStore::Changed::LastOwner:
            throw Error(ErrorCode::Conflict, kLastOwner);
        case PeopleStore::Changed::Done:
            break;
    }
    return get(id);
}

}  // namespace sweetshop::domain
