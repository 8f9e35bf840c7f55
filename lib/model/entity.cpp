#include <algorithm>
#include <string>

#include "mimetool/message.hpp"
#include "model/access.hpp"
#include "util/ascii.hpp"

namespace mimetool {

namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

}  // namespace

// --- HeaderField ----------------------------------------------------------------------------

std::string HeaderField::value() const {
  // RFC 5322 §2.2.3: unfolding removes the CRLF (here also a bare LF) that precedes whitespace.
  std::string out;
  out.reserve(raw_value_.size());
  const std::string_view v = raw_value_;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c == '\r' && i + 1 < v.size() && v[i + 1] == '\n') continue;
    if (c == '\n') continue;
    out.push_back(c);
  }
  std::size_t b = 0, e = out.size();
  while (b < e && (is_wsp(out[b]) || out[b] == '\r')) ++b;
  while (e > b && (is_wsp(out[e - 1]) || out[e - 1] == '\r')) --e;
  return out.substr(b, e - b);
}

bool HeaderField::is(std::string_view name) const noexcept { return util::ascii_iequals(name_, name); }

// --- Entity ---------------------------------------------------------------------------------

const HeaderField* Entity::header(std::string_view name) const noexcept {
  for (const auto& f : headers_)
    if (f.is(name)) return &f;
  return nullptr;
}

std::vector<const HeaderField*> Entity::headers(std::string_view name) const {
  std::vector<const HeaderField*> out;
  for (const auto& f : headers_)
    if (f.is(name)) out.push_back(&f);
  return out;
}

std::string_view Entity::raw_body() const { return detail_access::body(*this); }

void Entity::mark_modified() noexcept {
  for (Entity* e = this; e; e = e->parent_) e->modified_ = true;
}

namespace {
HeaderField make_owned_field(std::string_view name, std::string_view body, std::string_view eol) {
  auto s = std::make_shared<std::string>();
  s->reserve(name.size() + body.size() + 4);
  s->append(name).append(": ").append(body).append(eol);
  HeaderField f;
  detail_access::add_field_owned(f, std::move(s), name.size());
  return f;
}
}  // namespace

void Entity::set_header(std::string_view name, std::string_view body) {
  for (auto& f : headers_) {
    if (f.is(name)) {
      f = make_owned_field(name, body, detail_access::line_ending(*this));
      headers_modified_ = true;
      mark_modified();
      return;
    }
  }
  add_header(name, body);
}

void Entity::add_header(std::string_view name, std::string_view body) {
  headers_.push_back(make_owned_field(name, body, detail_access::line_ending(*this)));
  headers_modified_ = true;
  mark_modified();
}

std::size_t Entity::remove_headers(std::string_view name) {
  const auto before = headers_.size();
  std::erase_if(headers_, [&](const HeaderField& f) { return f.is(name); });
  const auto removed = before - headers_.size();
  if (removed) {
    headers_modified_ = true;
    mark_modified();
  }
  return removed;
}

void Entity::set_raw_body(std::string body) {
  owned_body_ = std::make_shared<const std::string>(std::move(body));
  for (Entity* c : children_) c->parent_ = nullptr;
  children_.clear();
  delimiters_.clear();
  kind_ = EntityKind::leaf;
  mark_modified();
}

bool Entity::remove_child(std::size_t index) {
  if (!is_multipart() || index >= children_.size()) return false;
  children_[index]->parent_ = nullptr;
  children_.erase(children_.begin() + static_cast<std::ptrdiff_t>(index));
  // Keep delimiter `index` (it may lack the leading line ending when the preamble is empty) and
  // drop the one that introduced the following part; for the last part, drop its own.
  const std::size_t d = index + 1 < delimiters_.size() ? index + 1 : index;
  if (d < delimiters_.size()) delimiters_.erase(delimiters_.begin() + static_cast<std::ptrdiff_t>(d));
  mark_modified();
  return true;
}

// --- Message --------------------------------------------------------------------------------

Message::Message() = default;
Message::Message(Message&&) noexcept = default;
Message& Message::operator=(Message&&) noexcept = default;
Message::~Message() = default;

Entity* Message::new_entity() {
  entities_.push_back(std::unique_ptr<Entity>(new Entity()));
  entities_.back()->message_ = this;
  return entities_.back().get();
}

std::string detail_access::section_path(const Entity& e) {
  // The same numbering as Message::walk, applied top-down along the ancestor chain.
  std::vector<const Entity*> chain;
  for (const Entity* cur = &e; cur; cur = cur->parent()) chain.push_back(cur);
  std::reverse(chain.begin(), chain.end());
  std::string path = chain[0]->is_multipart() ? "" : "1";
  for (std::size_t i = 1; i < chain.size(); ++i) {
    const Entity* p = chain[i - 1];
    const Entity* c = chain[i];
    if (p->is_multipart()) {
      const auto& ch = p->children();
      const auto n = static_cast<std::size_t>(std::find(ch.begin(), ch.end(), c) - ch.begin()) + 1;
      path = path.empty() ? std::to_string(n) : path + "." + std::to_string(n);
    } else if (!c->is_multipart()) {  // the single-part body of an encapsulated message
      path += ".1";
    }
  }
  return path;
}

void Message::walk(const std::function<void(const Entity&, const std::string&)>& visit) const {
  if (!root_) return;
  struct Item {
    const Entity* e;
    std::string path;
  };
  std::vector<Item> stack;
  stack.push_back({root_, root_->is_multipart() ? std::string() : std::string("1")});
  while (!stack.empty()) {
    Item it = std::move(stack.back());
    stack.pop_back();
    visit(*it.e, it.path);
    const auto& ch = it.e->children();
    if (it.e->is_message()) {
      if (!ch.empty()) {
        const Entity* inner = ch[0];
        stack.push_back({inner, inner->is_multipart() ? it.path : (it.path.empty() ? "1" : it.path + ".1")});
      }
    } else if (it.e->is_multipart()) {
      for (std::size_t i = ch.size(); i-- > 0;) {
        std::string p = it.path.empty() ? std::to_string(i + 1) : it.path + "." + std::to_string(i + 1);
        stack.push_back({ch[i], std::move(p)});
      }
    }
  }
}

const Entity* Message::find(std::string_view path) const {
  if (!root_) return nullptr;
  if (path.empty()) return root_;
  const Entity* found = nullptr;
  walk([&](const Entity& e, const std::string& p) {
    if (!found && p == path) found = &e;
  });
  return found;
}

}  // namespace mimetool
