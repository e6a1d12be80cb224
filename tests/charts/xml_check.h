// A strict little XML parser for tests of generated documents (SVG): it
// accepts only well-formed XML (one root, matched tags, quoted attributes
// without '<', no duplicate attributes, only the five named entities and
// numeric references, comments) and returns the element tree, so tests can
// both prove well-formedness and look at what was drawn. Header-only: the
// charts and backtest tests share it.
#pragma once

#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ae::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // entity-decoded
  std::vector<XmlElement> children;
  std::string text;  // entity-decoded character data directly inside

  bool has_class(std::string_view cls) const {
    auto it = attributes.find("class");
    if (it == attributes.end()) return false;
    std::string_view all = it->second;
    std::size_t start = 0;
    while (start <= all.size()) {
      std::size_t end = all.find(' ', start);
      if (end == std::string_view::npos) end = all.size();
      if (all.substr(start, end - start) == cls) return true;
      start = end + 1;
    }
    return false;
  }
  std::string attr(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? std::string() : it->second;
  }
  // Every descendant (depth first, this element included) matching `pred`.
  template <typename Pred>
  void collect(Pred pred, std::vector<const XmlElement*>& out) const {
    if (pred(*this)) out.push_back(this);
    for (const auto& child : children) child.collect(pred, out);
  }
  std::vector<const XmlElement*> find_all(std::string_view tag) const {
    std::vector<const XmlElement*> out;
    collect([&](const XmlElement& e) { return e.name == tag; }, out);
    return out;
  }
  std::vector<const XmlElement*> find_class(std::string_view cls) const {
    std::vector<const XmlElement*> out;
    collect([&](const XmlElement& e) { return e.has_class(cls); }, out);
    return out;
  }
  // All text below this element, concatenated.
  std::string all_text() const {
    std::string out = text;
    for (const auto& child : children) out += child.all_text();
    return out;
  }
};

class XmlParser {
 public:
  explicit XmlParser(std::string_view text) : s_(text) {}

  // Throws std::runtime_error naming the offset on any malformation.
  XmlElement parse() {
    skip_misc();
    if (!starts("<")) fail("expected the root element");
    XmlElement root = element();
    skip_misc();
    if (pos_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("XML not well-formed at offset " + std::to_string(pos_) + ": " + what);
  }
  bool starts(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  void skip_misc() {
    for (;;) {
      skip_space();
      if (starts("<!--")) {
        comment();
      } else if (starts("<?xml")) {
        const auto end = s_.find("?>", pos_);
        if (end == std::string_view::npos) fail("unterminated XML declaration");
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }
  void comment() {
    const auto end = s_.find("-->", pos_ + 4);
    if (end == std::string_view::npos) fail("unterminated comment");
    if (s_.substr(pos_ + 4, end - pos_ - 4).find("--") != std::string_view::npos) {
      fail("'--' inside a comment");
    }
    pos_ = end + 3;
  }
  std::string name() {
    const std::size_t start = pos_;
    auto ok_first = [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
    };
    auto ok = [&](char c) {
      return ok_first(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
    };
    if (pos_ >= s_.size() || !ok_first(s_[pos_])) fail("expected a name");
    while (pos_ < s_.size() && ok(s_[pos_])) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }
  std::string decode(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') fail("'<' in character data or attribute value");
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const auto semi = raw.find(';', i);
      if (semi == std::string_view::npos) fail("'&' without ';'");
      const std::string_view entity = raw.substr(i + 1, semi - i - 1);
      if (entity == "amp")
        out += '&';
      else if (entity == "lt")
        out += '<';
      else if (entity == "gt")
        out += '>';
      else if (entity == "quot")
        out += '"';
      else if (entity == "apos")
        out += '\'';
      else if (entity.size() > 1 && entity[0] == '#') {
        const bool hex = entity[1] == 'x';
        const std::string digits(entity.substr(hex ? 2 : 1));
        if (digits.empty()) fail("empty character reference");
        for (char c : digits) {
          if (!(hex ? std::isxdigit(static_cast<unsigned char>(c))
                    : std::isdigit(static_cast<unsigned char>(c)))) {
            fail("bad character reference");
          }
        }
        out += '?';
      } else {
        fail("unknown entity &" + std::string(entity) + ";");
      }
      i = semi;
    }
    return out;
  }
  XmlElement element() {
    ++pos_;  // '<'
    XmlElement e;
    e.name = name();
    for (;;) {
      const std::size_t before = pos_;
      skip_space();
      if (starts("/>")) {
        pos_ += 2;
        return e;
      }
      if (starts(">")) {
        ++pos_;
        break;
      }
      if (pos_ == before) fail("expected whitespace before an attribute");
      const std::string key = name();
      skip_space();
      if (!starts("=")) fail("attribute '" + key + "' without '='");
      ++pos_;
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) fail("unquoted attribute");
      const char quote = s_[pos_++];
      const auto end = s_.find(quote, pos_);
      if (end == std::string_view::npos) fail("unterminated attribute value");
      const std::string value = decode(s_.substr(pos_, end - pos_));
      pos_ = end + 1;
      if (!e.attributes.emplace(key, value).second) fail("duplicate attribute '" + key + "'");
    }
    for (;;) {
      const auto lt = s_.find('<', pos_);
      if (lt == std::string_view::npos) fail("unclosed element <" + e.name + ">");
      e.text += decode(s_.substr(pos_, lt - pos_));
      pos_ = lt;
      if (starts("<!--")) {
        comment();
      } else if (starts("</")) {
        pos_ += 2;
        const std::string closing = name();
        if (closing != e.name) fail("</" + closing + "> closes <" + e.name + ">");
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++pos_;
        return e;
      } else {
        e.children.push_back(element());
      }
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

inline XmlElement parse_xml(std::string_view text) { return XmlParser(text).parse(); }

}  // namespace ae::test
